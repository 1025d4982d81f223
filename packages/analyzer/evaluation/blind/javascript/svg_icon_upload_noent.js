// expect: S015
const express = require("express");
const multer = require("multer");
const libxmljs = require("libxmljs");

const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: 512 * 1024 } });
const router = express.Router();

function inspectSvg(text) {
  const doc = libxmljs.parseXml(text, { noent: true, dtdload: true });
  const root = doc.root();
  if (!root || root.name() !== "svg") throw new Error("not an SVG document");
  const title = doc.get("//*[local-name()='title']");
  return {
    width: root.attr("width") ? root.attr("width").value() : null,
    height: root.attr("height") ? root.attr("height").value() : null,
    title: title ? title.text() : null,
  };
}

router.post("/icons/inspect", upload.single("icon"), (req, res) => {
  if (!req.file) return res.status(400).json({ error: "icon file required" });
  try {
    res.json(inspectSvg(req.file.buffer.toString("utf8")));
  } catch (err) {
    res.status(422).json({ error: "could not parse icon" });
  }
});

module.exports = router;
