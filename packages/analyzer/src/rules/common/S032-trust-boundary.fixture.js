const express = require('express');

const app = express();

app.post('/login', (req, res) => {
  // ruleid: S032
  req.session.username = req.body.username;
  // ruleid: S032
  req.session['role'] = req.query.role;
  // ok: S032
  req.session.userId = res.locals.user.id;
  // ok: S032
  req.session.pageSize = Number(req.query.size);
  res.redirect('/');
});

app.post('/shift', (req, res) => {
  const { warehouseId, zone = 'A' } = req.body;
  // ruleid: S032
  Object.assign(req.session, { warehouseId, zone });
  // ok: S032
  Object.assign(req.session, { startedAt: Date.now(), staffId: res.locals.user.id });
  res.json({ ok: true });
});
