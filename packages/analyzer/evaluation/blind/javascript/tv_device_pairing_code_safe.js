// expect: safe
const crypto = require("crypto");
const express = require("express");
const { pairings } = require("./store");

const router = express.Router();
const CODE_TTL_MS = 5 * 60 * 1000;
const BASE_POLL_MS = 3000;

function pairingCode() {
  return crypto.randomInt(0, 1_000_000).toString().padStart(6, "0");
}

function pollInterval() {
  // spread polling load from many TVs booting at once
  return BASE_POLL_MS + Math.floor(Math.random() * 1000);
}

router.post("/devices/pairing", express.json(), async (req, res) => {
  const { model, firmware } = req.body || {};
  if (typeof model !== "string" || typeof firmware !== "string") {
    return res.status(400).json({ error: "model and firmware are required" });
  }
  const deviceSecret = crypto.randomBytes(32).toString("base64url");
  const code = pairingCode();
  await pairings.create({
    code,
    deviceSecretHash: crypto.createHash("sha256").update(deviceSecret).digest("hex"),
    model: model.slice(0, 64),
    firmware: firmware.slice(0, 32),
    expiresAt: new Date(Date.now() + CODE_TTL_MS),
  });
  return res.status(201).json({
    code,
    deviceSecret,
    pollEveryMs: pollInterval(),
    expiresInSeconds: CODE_TTL_MS / 1000,
  });
});

module.exports = router;
