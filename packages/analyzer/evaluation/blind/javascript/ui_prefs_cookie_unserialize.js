// expect: S004
const express = require("express");
const cookieParser = require("cookie-parser");
const serialize = require("node-serialize");

const app = express();
app.use(cookieParser());

const DEFAULT_PREFS = { theme: "light", density: "comfortable", lang: "en" };
const COOKIE_OPTS = { httpOnly: true, secure: true, sameSite: "lax", maxAge: 365 * 24 * 3600 * 1000 };

function readPrefs(req) {
  const raw = req.cookies.prefs;
  if (!raw) return { ...DEFAULT_PREFS };
  const decoded = Buffer.from(raw, "base64").toString("utf8");
  return { ...DEFAULT_PREFS, ...serialize.unserialize(decoded) };
}

function pickPrefs(body) {
  const out = {};
  for (const key of Object.keys(DEFAULT_PREFS)) {
    if (typeof body[key] === "string") out[key] = body[key].slice(0, 32);
  }
  return out;
}

app.get("/api/prefs", (req, res) => res.json(readPrefs(req)));

app.post("/api/prefs", express.json(), (req, res) => {
  const prefs = { ...readPrefs(req), ...pickPrefs(req.body || {}) };
  const encoded = Buffer.from(serialize.serialize(prefs)).toString("base64");
  res.cookie("prefs", encoded, COOKIE_OPTS);
  res.json(prefs);
});

module.exports = app;
