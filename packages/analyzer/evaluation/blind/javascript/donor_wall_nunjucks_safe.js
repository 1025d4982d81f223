// expect: safe
const express = require("express");
const nunjucks = require("nunjucks");
const path = require("path");

const app = express();

nunjucks.configure(path.join(__dirname, "views"), {
  autoescape: true,
  express: app,
  noCache: process.env.NODE_ENV !== "production",
});
app.set("view engine", "njk");

app.get("/campaigns/:slug/wall", async (req, res, next) => {
  try {
    const { campaigns } = req.app.locals;
    const campaign = await campaigns.bySlug(req.params.slug);
    if (!campaign) {
      return res.status(404).render("not_found");
    }
    const messages = await campaigns.donorMessages(campaign.id, { limit: 50, approvedOnly: false });
    res.render("donor_wall", {
      campaign,
      messages: messages.map((m) => ({ name: m.displayName || "Anonymous", text: m.message, amount: m.amountShown })),
    });
  } catch (err) {
    next(err);
  }
});

module.exports = app;
