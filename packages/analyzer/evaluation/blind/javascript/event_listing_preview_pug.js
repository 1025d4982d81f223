// expect: S027
const express = require("express");
const pug = require("pug");

const router = express.Router();

const renderPreview = pug.compile(
  `
doctype html
html(lang="en")
  head
    meta(charset="utf-8")
    title= event.title
    link(rel="stylesheet" href="/static/events.css")
  body
    article.event-card
      h1= event.title
      p.when #{event.date} · #{event.venue}
      .description!= event.description
      if event.ticketPrice
        p.price From $#{event.ticketPrice}
`,
  { filename: "event-preview.pug" }
);

function toEvent(body = {}) {
  const { title = "", date = "", venue = "", description = "", ticketPrice } = body;
  return {
    title: String(title).slice(0, 120),
    date: String(date).slice(0, 40),
    venue: String(venue).slice(0, 120),
    description: String(description).slice(0, 5000),
    ticketPrice: Number(ticketPrice) > 0 ? Number(ticketPrice).toFixed(2) : null,
  };
}

router.post("/organizer/events/preview", express.urlencoded({ extended: false }), (req, res) => {
  const event = toEvent(req.body);
  if (!event.title) {
    return res.status(400).json({ error: "title is required" });
  }
  res.type("html").send(renderPreview({ event }));
});

module.exports = router;
