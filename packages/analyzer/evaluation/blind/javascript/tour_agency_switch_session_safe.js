// expect: safe
const express = require("express");

const router = express.Router();

router.post("/agency/switch", express.urlencoded({ extended: false }), async (req, res, next) => {
  const { agencyCode } = req.body;
  if (typeof agencyCode !== "string" || !agencyCode) {
    return res.status(400).send("agencyCode is required");
  }
  try {
    const memberships = await req.app.locals.agencies.membershipsFor(req.user.id);
    const membership = memberships.find((m) => m.agencyCode === agencyCode && m.active);
    if (!membership) {
      return res.status(403).send("you are not a member of that agency");
    }
    req.session.agencyCode = membership.agencyCode;
    req.session.save((err) => {
      if (err) {
        return next(err);
      }
      res.redirect(303, "/bookings");
    });
  } catch (err) {
    next(err);
  }
});

router.get("/bookings", async (req, res, next) => {
  if (!req.session.agencyCode) {
    return res.redirect(303, "/agency/choose");
  }
  try {
    const bookings = await req.app.locals.bookings.forAgency(req.session.agencyCode, { limit: 100 });
    res.render("bookings", { agencyCode: req.session.agencyCode, bookings });
  } catch (err) {
    next(err);
  }
});

module.exports = router;
