// expect: S035
const express = require("express");
const members = require("./data/members.json");

const app = express();

function searchMembers(term) {
  const matcher = new RegExp("^" + term, "i");
  return members.filter((m) => matcher.test(m.displayName) || matcher.test(m.email));
}

app.get("/api/members", (req, res) => {
  const q = (req.query.q || "").trim();
  if (!q) return res.json([]);
  res.json(searchMembers(q).slice(0, 25));
});

app.listen(3000);
