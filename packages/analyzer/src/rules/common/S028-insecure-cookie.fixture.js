const express = require('express');
const session = require('express-session');

const app = express();
const REMEMBER = { maxAge: 86400000, secure: true, httpOnly: true };

// ruleid: S028
app.use(session({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false }));
// ruleid: S028
app.use(session({ secret: process.env.SESSION_SECRET, cookie: { secure: true, httpOnly: false } }));
// ok: S028
app.use(session({ secret: process.env.SESSION_SECRET, cookie: { secure: true, sameSite: 'lax' } }));

app.post('/login', (req, res) => {
  // ruleid: S028
  res.cookie('sid', req.sessionID);
  // ruleid: S028
  res.cookie('sid', req.sessionID, { maxAge: 3600000, sameSite: 'lax' });
  // ruleid: S028
  res.status(200).cookie('sid', req.sessionID, { secure: false, httpOnly: true });
  // ok: S028
  res.cookie('sid', req.sessionID, { secure: true, httpOnly: true, sameSite: 'lax' });
  // ok: S028
  res.cookie('remember', '1', REMEMBER);
  // ok: S028
  res.cookie('theme', 'dark', { ...req.app.locals.cookieOptions });
  // ok: S028
  res.clearCookie('legacy');
  res.json({ ok: true });
});

const Router = require('@koa/router');

const router = new Router();

router.post('/login', async (ctx) => {
  // ruleid: S028
  ctx.cookies.set('sid', ctx.state.sessionId, { maxAge: 3600000, httpOnly: false });
  // ruleid: S028
  ctx.cookies.set('sid', ctx.state.sessionId, { secure: false, sameSite: 'lax' });
  // ok: S028
  ctx.cookies.set('sid', ctx.state.sessionId, { maxAge: 3600000, sameSite: 'lax' });
  // ok: S028
  ctx.cookies.set('sid', ctx.state.sessionId);
  // ok: S028
  ctx.cookies.set('sid', null);
});

module.exports = { app, router };
