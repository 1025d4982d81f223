// expect: safe
const Joi = require("joi");

const ENTITIES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const escapeHtml = (value) => String(value).replace(/[&<>"']/g, (ch) => ENTITIES[ch]);

function renderLegs(legs) {
  return legs
    .map((leg) => `<li>${escapeHtml(leg.fromIata)} &rarr; ${escapeHtml(leg.toIata)}, departs ${escapeHtml(new Date(leg.departsAt).toUTCString())}</li>`)
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
  <blockquote>${escapeHtml(note)}</blockquote>
  <ul>${renderLegs(trip.legs)}</ul>
</body></html>`;
        return h.response(page).type("text/html");
      },
    });
  },
};
