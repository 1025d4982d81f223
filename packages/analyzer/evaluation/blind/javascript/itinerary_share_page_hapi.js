// expect: S011
const Joi = require("joi");

function renderLegs(legs) {
  return legs
    .map((leg) => `<li>${leg.fromIata} &rarr; ${leg.toIata}, departs ${new Date(leg.departsAt).toUTCString()}</li>`)
    .join("\n");
}

module.exports = {
  name: "itinerary-share",
  register(server) {
    server.route({
      method: "GET",
      path: "/trips/{tripId}/share",
      options: {
        validate: { params: Joi.object({ tripId: Joi.string().guid().required() }) },
      },
      async handler(request, h) {
        const trip = await request.server.app.trips.publicView(request.params.tripId);
        if (!trip) {
          return h.response("Trip not found").code(404).type("text/plain");
        }
        const { note = "" } = request.query;
        const page = `<!doctype html>
<html><body>
  <h1>A trip was shared with you</h1>
  <blockquote>${note}</blockquote>
  <ul>${renderLegs(trip.legs)}</ul>
</body></html>`;
        return h.response(page).type("text/html");
      },
    });
  },
};
