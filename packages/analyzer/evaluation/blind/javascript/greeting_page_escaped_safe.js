// expect: safe
const express = require("express");
const escapeHtml = require("escape-html");

const app = express();

function layout(title, body) {
  return `<!doctype html><html><head><title>${title}</title></head><body>${body}</body></html>`;
}

app.get("/welcome", (req, res) => {
  const name = escapeHtml(String(req.query.name || "guest"));
  const plan = ["free", "pro", "team"].includes(req.query.plan) ? req.query.plan : "free";
  const body = "<h1>Welcome, " + name + "!</h1><p>You are on the " + plan + " plan.</p>";
  res.type("html").send(layout("Welcome", body));
});

app.listen(3000);
