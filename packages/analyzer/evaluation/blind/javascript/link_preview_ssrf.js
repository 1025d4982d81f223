// expect: S014
const express = require("express");
const axios = require("axios");

const app = express();
app.use(express.json());

async function fetchPreview(url) {
  const resp = await axios.get(url, { timeout: 4000, maxContentLength: 512 * 1024 });
  const html = String(resp.data);
  const title = (html.match(/<title>([^<]*)<\/title>/i) || [])[1] || "";
  return { url, title: title.trim().slice(0, 200) };
}

app.post("/api/link-preview", async (req, res) => {
  const { link } = req.body;
  try {
    res.json(await fetchPreview(link));
  } catch (e) {
    res.status(502).json({ error: "could not fetch" });
  }
});

app.listen(4000);
