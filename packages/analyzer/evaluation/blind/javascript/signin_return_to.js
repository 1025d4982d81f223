// expect: S013
const express = require("express");
const { authenticate } = require("./auth");

const router = express.Router();
const DEFAULT_TARGET = "/dashboard";

router.post("/signin", express.urlencoded({ extended: false }), async (req, res, next) => {
  try {
    const user = await authenticate(String(req.body.email || ""), String(req.body.password || ""));
    if (!user) return res.status(401).json({ error: "Invalid email or password" });
    const returnTo = req.body.returnTo || req.query.returnTo || DEFAULT_TARGET;
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
