// expect: S028
const express = require("express");
const jwt = require("jsonwebtoken");
const { verifyCredentials } = require("./users");

const router = express.Router();
const TOKEN_TTL_SECONDS = 8 * 60 * 60;

router.post("/auth/login", express.json(), async (req, res) => {
  const user = await verifyCredentials(String(req.body.email || ""), String(req.body.password || ""));
  if (!user) return res.status(401).json({ error: "invalid credentials" });
  const token = jwt.sign({ sub: String(user.id), role: user.role }, process.env.JWT_SECRET, {
    expiresIn: TOKEN_TTL_SECONDS,
  });
  res.cookie("access_token", token, { maxAge: TOKEN_TTL_SECONDS * 1000, sameSite: "lax" });
  res.json({ id: user.id, name: user.name });
});

module.exports = router;
