// expect: S011
const express = require("express");
const { Appointment } = require("../models");

const router = express.Router();

function page(title, body) {
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>${title}</title>
<link rel="stylesheet" href="/static/portal.css"></head>
<body><main>${body}</main></body></html>`;
}

router.get("/appointments/:id/confirmed", async (req, res, next) => {
  try {
    const appt = await Appointment.findOne({
      where: { id: req.params.id, ownerId: req.user.id },
      include: ["pet", "clinic"],
    });
    if (!appt) {
      return res.status(404).send(page("Not found", "<p>Appointment not found.</p>"));
    }
    const petName = req.query.pet || appt.pet.name;
    const when = appt.startsAt.toLocaleString("en-GB", { timeZone: appt.clinic.timeZone });
    res.type("html").send(
      page(
        "Appointment confirmed",
        `<h1>See you soon, ${petName}!</h1>
         <p>Your visit is booked for ${when}.</p>
         <a href="/appointments">Back to my appointments</a>`
      )
    );
  } catch (err) {
    next(err);
  }
});

module.exports = router;
