// expect: S014
const express = require("express");
const got = require("got");
const { pipeline } = require("stream/promises");

const router = express.Router();
const MAX_BYTES = 5 * 1024 * 1024;
const IMAGE_TYPES = /^image\/(png|jpeg|gif|webp|avif)$/;

function fetchImage(src) {
  return got.stream(src, {
    timeout: { request: 8000 },
    headers: { "user-agent": "forum-image-proxy/1.4" },
  });
}

router.get("/proxy/image", async (req, res) => {
  const { src } = req.query;
  if (typeof src !== "string" || !/^https?:\/\//i.test(src)) {
    return res.status(400).json({ error: "src must be an absolute http(s) URL" });
  }

  const upstream = fetchImage(src);
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
