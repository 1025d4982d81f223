// expect: safe
const express = require("express");
const axios = require("axios");

const app = express();
app.use(express.json());
const ALLOWED_HOSTS = new Set(["github.com", "gitlab.com", "www.youtube.com"]);

async function fetchPreview(url) {
  const resp = await axios.get(url.href, { timeout: 4000, maxRedirects: 0 });
  const html = String(resp.data);
  const title = (html.match(/<title>([^<]*)<\/title>/i) || [])[1] || "";
  return { url: url.href, title: title.trim().slice(0, 200) };
}

app.post("/api/link-preview", async (req, res) => {
  let parsed;
  try {
    parsed = new URL(String(req.body.link));
  } catch (e) {
    return res.status(400).json({ error: "bad url" });
  }
  if (parsed.protocol !== "https:" || !ALLOWED_HOSTS.has(parsed.hostname)) {
    return res.status(400).json({ error: "host not allowed" });
  }
  try {
    res.json(await fetchPreview(parsed));
  } catch (e) {
    res.status(502).json({ error: "could not fetch" });
  }
});

app.listen(4000);
