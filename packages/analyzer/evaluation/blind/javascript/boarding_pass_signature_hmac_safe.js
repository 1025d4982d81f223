// expect: safe
const crypto = require("crypto");
const express = require("express");

const router = express.Router();

function passSignature(pass) {
  const canonical = [pass.pnr, pass.flight, pass.seat, pass.date, pass.passenger].join("|");
  return crypto
    .createHmac("sha256", process.env.BOARDING_PASS_SECRET)
    .update(canonical)
    .digest("hex");
}

function encodePass(pass) {
  const body = Buffer.from(JSON.stringify(pass)).toString("base64url");
  return `${body}.${passSignature(pass)}`;
}

router.post("/gate/scan", express.json(), (req, res) => {
  const [body, sig] = String(req.body.code || "").split(".");
  if (!body || !sig) {
    return res.status(400).json({ valid: false });
  }
  let pass;
  try {
    pass = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
  } catch {
    return res.status(400).json({ valid: false });
  }
  const expected = Buffer.from(passSignature(pass), "hex");
  const given = Buffer.from(sig, "hex");
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) {
    return res.status(403).json({ valid: false });
  }
  res.json({ valid: true, flight: pass.flight, seat: pass.seat });
});

module.exports = { router, encodePass };
