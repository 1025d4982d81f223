// expect: safe
const express = require("express");
const mongoose = require("mongoose");

const Coupon = mongoose.model(
  "Coupon",
  new mongoose.Schema({
    code: { type: String, index: true },
    percentOff: Number,
    active: Boolean,
    expiresAt: Date,
    redemptions: { type: Number, default: 0 },
    maxRedemptions: Number,
  })
);

const router = express.Router();
const COUPON_FORMAT = /^[A-Z0-9]{4,24}$/;

async function findRedeemable(code) {
  return Coupon.findOne({ code: { $eq: code }, active: true, expiresAt: { $gt: new Date() } }).lean();
}

router.post("/checkout/coupon", express.json(), async (req, res) => {
  const { code, cartId } = req.body || {};
  if (typeof code !== "string" || typeof cartId !== "string") {
    return res.status(400).json({ error: "code and cartId are required" });
  }
  const normalised = code.trim().toUpperCase();
  if (!COUPON_FORMAT.test(normalised)) {
    return res.status(404).json({ error: "coupon not valid" });
  }
  const coupon = await findRedeemable(normalised);
  if (!coupon || coupon.redemptions >= coupon.maxRedemptions) {
    return res.status(404).json({ error: "coupon not valid" });
  }
  await Coupon.updateOne({ _id: coupon._id }, { $inc: { redemptions: 1 } });
  return res.json({ cartId, percentOff: coupon.percentOff, code: coupon.code });
});

module.exports = router;
