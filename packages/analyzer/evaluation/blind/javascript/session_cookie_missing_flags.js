// expect: S028
const express = require("express");
const crypto = require("crypto");
const bcrypt = require("bcrypt");
const { findUserByEmail, storeSession } = require("./store");

const app = express();
app.use(express.json());

app.post("/login", async (req, res) => {
  const user = await findUserByEmail(String(req.body.email || ""));
  const ok = user && (await bcrypt.compare(String(req.body.password || ""), user.passwordHash));
  if (!ok) return res.status(401).json({ error: "invalid credentials" });
  const sid = crypto.randomBytes(32).toString("hex");
  await storeSession(sid, user.id, 3600);
  res.cookie("sid", sid, { maxAge: 3600 * 1000, sameSite: "lax" });
  res.json({ ok: true });
});

app.listen(3000);
