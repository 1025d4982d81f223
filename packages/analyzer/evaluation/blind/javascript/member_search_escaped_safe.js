// expect: safe
const express = require("express");
const members = require("./data/members.json");

const app = express();

function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function searchMembers(term) {
  const matcher = new RegExp("^" + escapeRegExp(term), "i");
  return members.filter((m) => matcher.test(m.displayName) || matcher.test(m.email));
}

app.get("/api/members", (req, res) => {
  const q = String(req.query.q || "").trim().slice(0, 64);
  if (!q) return res.json([]);
  res.json(searchMembers(q).slice(0, 25));
});

app.listen(3000);
