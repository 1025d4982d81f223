// expect: safe
const crypto = require("crypto");
const express = require("express");
const { ApiKey } = require("./models");

const router = express.Router();
const ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

function generateKey(length = 40) {
  let out = "";
  for (let i = 0; i < length; i++) {
    out += ALPHABET[crypto.randomInt(ALPHABET.length)];
  }
  return `pk_${out}`;
}

router.post("/settings/api-keys", express.json(), async (req, res) => {
  const label = String(req.body.label || "default").slice(0, 64);
  const key = generateKey();
  await ApiKey.create({
    userId: req.user.id,
    label,
    keyHash: crypto.createHash("sha256").update(key).digest("hex"),
    lastFour: key.slice(-4),
  });
  res.status(201).json({ key, label });
});

module.exports = router;
