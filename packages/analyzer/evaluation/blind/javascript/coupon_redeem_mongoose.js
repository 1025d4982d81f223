// expect: S034
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

async function findRedeemable(code) {
  return Coupon.findOne({ code, active: true, expiresAt: { $gt: new Date() } }).lean();
}

router.post("/checkout/coupon", express.json(), async (req, res) => {
  const { code, cartId } = req.body || {};
  if (!code || !cartId) {
    return res.status(400).json({ error: "code and cartId are required" });
  }
  const coupon = await findRedeemable(code);
  if (!coupon || coupon.redemptions >= coupon.maxRedemptions) {
    return res.status(404).json({ error: "coupon not valid" });
  }
  await Coupon.updateOne({ _id: coupon._id }, { $inc: { redemptions: 1 } });
  return res.json({ cartId, percentOff: coupon.percentOff, code: coupon.code });
});

module.exports = router;
