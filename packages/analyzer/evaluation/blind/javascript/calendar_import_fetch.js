// expect: S014
const express = require("express");
const fetch = require("node-fetch");
const { parseIcs } = require("./ics");
const { saveEvents } = require("./events");

const router = express.Router();
const MAX_BYTES = 2 * 1024 * 1024;

async function downloadCalendar(url) {
  const resp = await fetch(url, { timeout: 8000, size: MAX_BYTES });
  if (!resp.ok) throw new Error(`calendar fetch failed with ${resp.status}`);
  return resp.text();
}

router.post("/calendars/import", express.json(), async (req, res) => {
  const { feedUrl } = req.body || {};
  if (typeof feedUrl !== "string" || !/^https?:\/\//i.test(feedUrl)) {
    return res.status(400).json({ error: "feedUrl must be an http(s) URL" });
  }
  try {
    const events = parseIcs(await downloadCalendar(feedUrl));
    const saved = await saveEvents(req.user.id, events);
    res.json({ imported: saved.length });
  } catch (err) {
    res.status(502).json({ error: err.message });
  }
});

module.exports = router;
