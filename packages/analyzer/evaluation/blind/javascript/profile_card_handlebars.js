// expect: S027
const express = require("express");
const Handlebars = require("handlebars");
const fs = require("fs");

const app = express();
const source = fs.readFileSync(__dirname + "/views/profile-card.hbs", "utf8");
const renderCard = Handlebars.compile(source, { noEscape: true });

app.get("/profile/card", (req, res) => {
  const html = renderCard({
    name: req.query.name,
    bio: req.query.bio,
    website: req.query.website,
  });
  res.type("html").send(html);
});

app.listen(3000);
