// expect: S032
const express = require("express");

const router = express.Router();

router.post("/agency/switch", express.urlencoded({ extended: false }), (req, res) => {
  const { agencyCode } = req.body;
  if (!agencyCode) {
    return res.status(400).send("agencyCode is required");
  }
  req.session.agencyCode = agencyCode;
  req.session.save((err) => {
    if (err) {
      return res.status(500).send("could not switch agency");
    }
    res.redirect(303, "/bookings");
  });
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
