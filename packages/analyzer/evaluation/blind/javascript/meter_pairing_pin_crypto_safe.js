// expect: safe
const crypto = require("crypto");
const express = require("express");

const router = express.Router();
const PIN_TTL_SECONDS = 600;

function pairingPin(length = 6) {
  let pin = "";
  for (let i = 0; i < length; i += 1) {
    pin += crypto.randomInt(0, 10);
  }
  return pin;
}

router.post("/meters/:serial/pairing", async (req, res, next) => {
  try {
    const { meters, sms } = req.app.locals;
    const meter = await meters.findBySerial(req.params.serial, req.user.accountId);
    if (!meter) {
      return res.status(404).json({ error: "meter not found" });
    }
    const pin = pairingPin();
    await meters.setPairingPin(meter.id, pin, { ttlSeconds: PIN_TTL_SECONDS });
    await sms.send(req.user.phone, `Your smart meter pairing PIN is ${pin}`);
    res.status(202).json({ expiresIn: PIN_TTL_SECONDS });
  } catch (err) {
    next(err);
  }
});

module.exports = router;
