// expect: safe
const express = require("express");
const fetch = require("node-fetch");
const { parseIcs } = require("./ics");
const { saveEvents } = require("./events");

const router = express.Router();
const MAX_BYTES = 2 * 1024 * 1024;
const CALENDAR_HOSTS = new Set(["calendar.google.com", "outlook.office365.com", "p01-caldav.icloud.com"]);

function allowedCalendarUrl(value) {
  let url;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.protocol !== "https:" || url.username || url.password || url.port) return null;
  return CALENDAR_HOSTS.has(url.hostname) ? url : null;
}

async function downloadCalendar(url) {
  const resp = await fetch(url.href, { timeout: 8000, size: MAX_BYTES, redirect: "error" });
  if (!resp.ok) throw new Error(`calendar fetch failed with ${resp.status}`);
  return resp.text();
}

router.post("/calendars/import", express.json(), async (req, res) => {
  const url = allowedCalendarUrl(req.body && req.body.feedUrl);
  if (!url) return res.status(400).json({ error: "unsupported calendar provider" });
  try {
    const events = parseIcs(await downloadCalendar(url));
    const saved = await saveEvents(req.user.id, events);
    res.json({ imported: saved.length });
  } catch (err) {
    res.status(502).json({ error: "could not import calendar" });
  }
});

module.exports = router;
