// expect: S012
const express = require("express");
const path = require("path");
const fs = require("fs/promises");

const THEMES_DIR = process.env.THEMES_DIR || path.join(__dirname, "..", "themes");
const CONTENT_TYPES = {
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".woff2": "font/woff2",
};

const router = express.Router();

function assetPath(theme, asset) {
  return path.join(THEMES_DIR, theme, "assets", asset);
}

router.get("/themes/:theme/assets/*", async (req, res) => {
  const { theme } = req.params;
  const asset = req.params[0];
  const type = CONTENT_TYPES[path.extname(asset).toLowerCase()];
  if (!type) {
    return res.status(404).end();
  }
  try {
    const data = await fs.readFile(assetPath(theme, asset));
    res.set({ "Content-Type": type, "Cache-Control": "public, max-age=604800" });
    return res.send(data);
  } catch (err) {
    if (err.code === "ENOENT") return res.status(404).end();
    throw err;
  }
});

module.exports = router;
