// expect: safe
const express = require("express");
const crypto = require("crypto");
const db = require("./db");

const app = express();
app.use(express.json());

function generateInviteToken() {
  return crypto.randomBytes(24).toString("base64url");
}

function retryDelayMs(attempt) {
  return Math.min(2000, 100 * 2 ** attempt) + Math.floor(Math.random() * 50);
}

app.post("/api/teams/:teamId/invites", async (req, res) => {
  const token = generateInviteToken();
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await db.query(
        "INSERT INTO invites (team_id, email, token, expires_at) VALUES ($1, $2, $3, now() + interval '2 days')",
        [req.params.teamId, String(req.body.email), token]
      );
      return res.status(201).json({ inviteUrl: `https://app.example.com/join/${token}` });
    } catch (e) {
      await new Promise((r) => setTimeout(r, retryDelayMs(attempt)));
    }
  }
  res.status(503).json({ error: "try again later" });
});

app.listen(3000);
