// expect: S011
const express = require("express");
const escapeHtml = require("escape-html");
const { getPost, getComments } = require("./blog");

const app = express();

function layout(title, body) {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body>${body}</body></html>`;
}

app.get("/posts/:slug", async (req, res, next) => {
  try {
    const post = await getPost(req.params.slug);
    if (!post) {
      return res.status(404).send(layout("Not found", `<p>No post called <code>${req.params.slug}</code>.</p>`));
    }
    const comments = (await getComments(post.id))
      .map((c) => `<li><b>${escapeHtml(c.author)}</b>: ${escapeHtml(c.text)}</li>`)
      .join("");
    res.send(
      layout(post.title, `<h1>${escapeHtml(post.title)}</h1><p>${escapeHtml(post.summary)}</p><ul>${comments}</ul>`)
    );
  } catch (err) {
    next(err);
  }
});

module.exports = app;
