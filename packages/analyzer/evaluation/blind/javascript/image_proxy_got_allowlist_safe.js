// expect: safe
const express = require("express");
const got = require("got");
const { pipeline } = require("stream/promises");

const router = express.Router();
const MAX_BYTES = 5 * 1024 * 1024;
const IMAGE_TYPES = /^image\/(png|jpeg|gif|webp|avif)$/;
const IMAGE_HOSTS = new Set(["i.imgur.com", "images.unsplash.com", "media.giphy.com", "cdn.discordapp.com"]);

function allowedImageUrl(src) {
  let url;
  try {
    url = new URL(src);
  } catch {
    return null;
  }
  if (url.protocol !== "https:" || !IMAGE_HOSTS.has(url.hostname) || url.port || url.username) {
    return null;
  }
  return url;
}

router.get("/proxy/image", async (req, res) => {
  const url = typeof req.query.src === "string" ? allowedImageUrl(req.query.src) : null;
  if (!url) {
    return res.status(400).json({ error: "image host is not allowed" });
  }

  const upstream = got.stream(url, {
    timeout: { request: 8000 },
    followRedirect: false,
    headers: { "user-agent": "forum-image-proxy/1.4" },
  });
  upstream.on("response", (response) => {
    const type = response.headers["content-type"] || "";
    const length = Number(response.headers["content-length"] || 0);
    if (!IMAGE_TYPES.test(type) || length > MAX_BYTES) {
      upstream.destroy();
      return res.status(415).json({ error: "not an acceptable image" });
    }
    res.set({ "Content-Type": type, "Cache-Control": "public, max-age=3600" });
  });

  try {
    await pipeline(upstream, res);
  } catch (err) {
    if (!res.headersSent) res.status(502).json({ error: "upstream fetch failed" });
  }
});

module.exports = router;
