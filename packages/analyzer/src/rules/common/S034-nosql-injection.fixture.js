const express = require('express');
const User = require('./models/user');

const router = express.Router();

router.post('/login', async (req, res) => {
  const { username, password } = req.body;
  // ruleid: S034
  const user = await User.findOne({ username, password });
  // ruleid: S034
  const byEmail = await User.findOne({ email: req.body.email });
  // ruleid: S034
  const matches = await db.collection('users').find(req.query).toArray();
  // ruleid: S034
  const scripted = await db.collection('users').find({ $where: `this.name == '${req.query.name}'` }).toArray();
  // ok: S034
  const safe = await User.findOne({ email: String(req.body.email) });
  // ok: S034
  const byId = await User.findOne({ _id: req.params.id });
  // ok: S034
  const active = await db.collection('users').find({ $where: 'this.active == true' }).toArray();
  // ok: S034
  const picked = [user, byEmail].find((candidate) => candidate && candidate.name === req.body.name);
  res.json({ user, byEmail, matches, scripted, safe, byId, active, picked });
});

module.exports = router;

async function cheaperThan(products, limit) {
  const criteria = { active: true };
  criteria.$where = `this.price < ${limit}`;
  // ruleid: S034
  return products.find(criteria).toArray();
}

module.exports.cheaperThan = cheaperThan;

router.post('/reset', async (req, res) => {
  const { email, resetToken } = req.body || {};
  if (!email) return res.status(400).end();
  // ruleid: S034
  const pending = await User.findOne({ email, resetToken });
  if (typeof email !== 'string' || typeof resetToken !== 'string') {
    return res.status(400).end();
  }
  // ok: S034
  const user = await User.findOne({ email, resetToken });
  res.json({ pending, user });
});

const crypto = require('crypto');

function signature(rawBody) {
  const hmac = crypto.createHmac('sha256', process.env.HOOK_SECRET);
  // ok: S034
  hmac.update(rawBody);
  // ok: S034
  return crypto.createHash('sha256').update(rawBody).digest('hex') + hmac.digest('hex');
}

router.post('/hooks', async (req, res) => {
  // ruleid: S034
  await Hook.update(req.body, { $set: { seen: true } });
  res.json({ signature: signature(req.body) });
});

router.post('/orders/search', async (req, res) => {
  const query = { owner: req.user.id };
  Object.assign(query, req.body.criteria);
  // ruleid: S034
  const found = await Order.find(query);
  const fixed = { owner: req.user.id };
  Object.assign(fixed, { status: 'open' });
  // ok: S034
  res.json({ found, open: await Order.find(fixed) });
});
