// expect: S028
const crypto = require("crypto");
const express = require("express");
const bcrypt = require("bcrypt");
const { Patron, LoginSession } = require("../models");

const router = express.Router();
router.use(express.urlencoded({ extended: false }));

const SESSION_HOURS = 8;

function digest(token) {
  return crypto.createHash("sha256").update(token).digest("hex");
}

router.post("/login", async (req, res, next) => {
  try {
    const cardNumber = String(req.body.cardNumber || "").replace(/\s+/g, "");
    const pin = String(req.body.pin || "");
    const patron = await Patron.findOne({ where: { cardNumber } });
    const ok = patron && !patron.blocked && (await bcrypt.compare(pin, patron.pinHash));
    if (!ok) {
      return res.status(401).render("login", { error: "Card number or PIN not recognised" });
    }

    const token = crypto.randomBytes(32).toString("base64url");
    await LoginSession.create({
      tokenHash: digest(token),
      patronId: patron.id,
      expiresAt: new Date(Date.now() + SESSION_HOURS * 3600 * 1000),
    });
    res.cookie("opac_session", token, { maxAge: SESSION_HOURS * 3600 * 1000, sameSite: "lax" });
    res.redirect("/account");
  } catch (err) {
    next(err);
  }
});

module.exports = router;
