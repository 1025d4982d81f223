// expect: safe
const express = require("express");
const path = require("path");
const fs = require("fs/promises");

const THEMES_DIR = path.resolve(process.env.THEMES_DIR || path.join(__dirname, "..", "themes"));
const CONTENT_TYPES = {
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".woff2": "font/woff2",
};

const router = express.Router();

function assetPath(theme, asset) {
  const base = path.resolve(THEMES_DIR, theme, "assets");
  const target = path.resolve(base, asset);
  if (!base.startsWith(THEMES_DIR + path.sep) || !target.startsWith(base + path.sep)) {
    return null;
  }
  return target;
}

router.get("/themes/:theme/assets/*", async (req, res) => {
  const { theme } = req.params;
  const asset = req.params[0];
  const type = CONTENT_TYPES[path.extname(asset).toLowerCase()];
  const file = assetPath(theme, asset);
  if (!type || !file) {
    return res.status(404).end();
  }
  try {
    const data = await fs.readFile(file);
    res.set({ "Content-Type": type, "Cache-Control": "public, max-age=604800" });
    return res.send(data);
  } catch (err) {
    if (err.code === "ENOENT") return res.status(404).end();
    throw err;
  }
});

module.exports = router;
