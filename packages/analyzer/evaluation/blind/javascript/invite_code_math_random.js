// expect: S008
const express = require("express");
const db = require("./db");

const app = express();
app.use(express.json());

function generateInviteToken(len = 24) {
  const chars = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";
  let out = "";
  for (let i = 0; i < len; i++) {
    out += chars[Math.floor(Math.random() * chars.length)];
  }
  return out;
}

app.post("/api/teams/:teamId/invites", async (req, res) => {
  const token = generateInviteToken();
  await db.query(
    "INSERT INTO invites (team_id, email, token, expires_at) VALUES ($1, $2, $3, now() + interval '2 days')",
    [req.params.teamId, String(req.body.email), token]
  );
  res.status(201).json({ inviteUrl: `https://app.example.com/join/${token}` });
});

app.listen(3000);
