// expect: S027
const express = require("express");
const ejs = require("ejs");

const app = express();
app.use(express.urlencoded({ extended: false }));

const PREVIEW_TEMPLATE = `
<article class="comment-preview">
  <header><%= author %></header>
  <section><%- body %></section>
</article>`;

app.post("/comments/preview", (req, res) => {
  const html = ejs.render(PREVIEW_TEMPLATE, {
    author: req.body.author || "anonymous",
    body: req.body.body || "",
  });
  res.type("html").send(html);
});

app.listen(3000);
