// expect: S035
const express = require("express");

const router = express.Router();
const TRACKING_FORMAT = /^([A-Z0-9]+\s?)+$/i;

function normalise(raw) {
  return String(raw || "").trim().toUpperCase();
}

router.get("/track", async (req, res, next) => {
  const number = normalise(req.query.number);
  if (!number || !TRACKING_FORMAT.test(number)) {
    return res.status(400).json({ error: "tracking numbers contain letters, digits and single spaces" });
  }
  try {
    const parcel = await req.app.locals.parcels.byTrackingNumber(number.replace(/\s/g, ""));
    if (!parcel) {
      return res.status(404).json({ error: "unknown tracking number" });
    }
    res.json({ number, status: parcel.status, lastScan: parcel.lastScan, depot: parcel.depot });
  } catch (err) {
    next(err);
  }
});

module.exports = router;
