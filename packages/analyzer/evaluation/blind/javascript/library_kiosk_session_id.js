// expect: S008
const express = require("express");
const { verifyPatron } = require("./patrons");

const router = express.Router();
const SESSION_TTL_MS = 10 * 60 * 1000;
const sessions = new Map();

function newSessionId() {
  return Date.now().toString(36) + Math.random().toString(36).slice(2, 12);
}

function startSession(res, patron) {
  const sid = newSessionId();
  sessions.set(sid, { patronId: patron.id, expires: Date.now() + SESSION_TTL_MS });
  res.cookie("kiosk_sid", sid, { httpOnly: true, secure: true, sameSite: "strict", maxAge: SESSION_TTL_MS });
  return sid;
}

function currentPatron(req) {
  const entry = sessions.get(req.cookies.kiosk_sid);
  if (!entry || entry.expires < Date.now()) return null;
  return entry.patronId;
}

router.post("/kiosk/login", express.json(), async (req, res) => {
  const { cardNumber, pin } = req.body || {};
  const patron = await verifyPatron(String(cardNumber || ""), String(pin || ""));
  if (!patron) {
    return res.status(401).json({ error: "card number or PIN not recognised" });
  }
  startSession(res, patron);
  return res.json({ name: patron.firstName, loans: patron.activeLoans });
});

router.get("/kiosk/loans", (req, res) => {
  const patronId = currentPatron(req);
  if (!patronId) return res.status(401).json({ error: "session expired" });
  return res.json({ patronId });
});

module.exports = router;
