// expect: safe
const express = require("express");
const Handlebars = require("handlebars");
const fs = require("fs");

const app = express();
const source = fs.readFileSync(__dirname + "/views/profile-card.hbs", "utf8");
const renderCard = Handlebars.compile(source, { noEscape: false, strict: true });

app.get("/profile/card", (req, res) => {
  const html = renderCard({
    name: String(req.query.name || ""),
    bio: String(req.query.bio || ""),
    website: String(req.query.website || ""),
  });
  res.type("html").send(html);
});

app.listen(3000);
