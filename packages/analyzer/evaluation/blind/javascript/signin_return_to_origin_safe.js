// expect: safe
const express = require("express");
const { authenticate } = require("./auth");

const router = express.Router();
const APP_ORIGIN = new URL(process.env.APP_ORIGIN || "https://app.example.com");
const DEFAULT_TARGET = new URL("/dashboard", APP_ORIGIN).href;

function safeReturnTo(value) {
  if (typeof value !== "string" || value === "") return DEFAULT_TARGET;
  try {
    const target = new URL(value, APP_ORIGIN);
    return target.origin === APP_ORIGIN.origin ? target.href : DEFAULT_TARGET;
  } catch {
    return DEFAULT_TARGET;
  }
}

router.post("/signin", express.urlencoded({ extended: false }), async (req, res, next) => {
  try {
    const user = await authenticate(String(req.body.email || ""), String(req.body.password || ""));
    if (!user) return res.status(401).json({ error: "Invalid email or password" });
    const returnTo = safeReturnTo(req.body.returnTo || req.query.returnTo);
    req.session.regenerate((err) => {
      if (err) return next(err);
      req.session.userId = user.id;
      res.redirect(303, returnTo);
    });
  } catch (err) {
    next(err);
  }
});

module.exports = router;
