// expect: safe
const express = require("express");
const path = require("path");
const { execFile } = require("child_process");

const UPLOADS = process.env.UPLOAD_DIR || "/srv/uploads";
const router = express.Router();

function resize(source, width, dest) {
  return new Promise((resolve, reject) => {
    const args = [source, "-resize", `${width}x`, dest];
    execFile("convert", args, { timeout: 20000 }, (err, _stdout, stderr) => {
      if (err) return reject(new Error(stderr || err.message));
      resolve(dest);
    });
  });
}

router.post("/images/:id/thumbnail", express.json(), async (req, res) => {
  const id = Number.parseInt(req.params.id, 10);
  if (!Number.isSafeInteger(id)) return res.status(400).json({ error: "bad id" });
  const width = Number.parseInt(req.body.width, 10) || 320;
  if (width < 16 || width > 2048) return res.status(400).json({ error: "bad width" });
  const source = path.join(UPLOADS, `${id}.jpg`);
  const dest = path.join(UPLOADS, "thumbs", `${id}-w${width}.jpg`);
  try {
    await resize(source, width, dest);
    res.status(201).json({ thumbnail: path.basename(dest) });
  } catch (err) {
    res.status(500).json({ error: "resize failed" });
  }
});

module.exports = router;
