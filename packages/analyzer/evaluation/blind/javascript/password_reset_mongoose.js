// expect: S034
const express = require("express");
const bcrypt = require("bcrypt");
const mongoose = require("mongoose");

const User = mongoose.model("User");
const router = express.Router();

router.post("/password-reset/confirm", express.json(), async (req, res, next) => {
  try {
    const { email, resetToken, newPassword } = req.body || {};
    if (!email || !resetToken || typeof newPassword !== "string" || newPassword.length < 12) {
      return res.status(400).json({ error: "email, token and a 12+ character password are required" });
    }
    const user = await User.findOne({ email, resetToken, resetExpires: { $gt: new Date() } });
    if (!user) return res.status(400).json({ error: "invalid or expired token" });
    user.passwordHash = await bcrypt.hash(newPassword, 12);
    user.resetToken = undefined;
    user.resetExpires = undefined;
    await user.save();
    res.json({ ok: true });
  } catch (err) {
    next(err);
  }
});

module.exports = router;
