// expect: S032
const express = require('express');
const session = require('express-session');

const app = express();
app.use(session({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false }));

app.post('/switch-account', (req, res) => {
  req.session.accountId = req.body.accountId;
  res.redirect('/dashboard');
});
