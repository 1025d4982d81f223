// expect: safe
const express = require("express");
const ejs = require("ejs");
const escapeHtml = require("escape-html");

const router = express.Router();

const REVIEW_TEMPLATE = `
<article class="review">
  <h3><%= review.title %></h3>
  <p class="meta">by <%= review.author %> &middot; <%= review.rating %>/5</p>
  <div class="body"><%- review.bodyHtml %></div>
</article>`;

function clampRating(value) {
  const n = Number.parseInt(value, 10);
  return Number.isNaN(n) ? 5 : Math.min(5, Math.max(1, n));
}

function paragraphs(text) {
  return text
    .split(/\n{2,}/)
    .filter((p) => p.trim() !== "")
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, "<br>")}</p>`)
    .join("");
}

router.post("/reviews/preview", express.urlencoded({ extended: false }), (req, res) => {
  const review = {
    title: String(req.body.title || "").slice(0, 120),
    author: req.user.displayName,
    rating: clampRating(req.body.rating),
    bodyHtml: paragraphs(String(req.body.body || "").slice(0, 5000)),
  };
  res.type("html").send(ejs.render(REVIEW_TEMPLATE, { review }));
});

module.exports = router;
