// expect: S013
const express = require("express");
const { exchangeCode } = require("./oauth"); // stores tokens server-side

const app = express();

app.get("/auth/callback", async (req, res) => {
  const { code } = req.query;
  if (!code) return res.status(400).send("missing code");
  try {
    await exchangeCode(String(code));
  } catch (e) {
    return res.status(401).send("login failed");
  }
  const returnTo = req.query.returnTo || "/dashboard";
  res.redirect(returnTo);
});

app.listen(3000);
