// expect: safe
const express = require('express');
const bcrypt = require('bcrypt');
const User = require('../models/user');

const router = express.Router();

router.post('/login', async (req, res) => {
  const user = await User.findOne({ username: String(req.body.username) });
  if (!user || !(await bcrypt.compare(String(req.body.password), user.passwordHash))) {
    return res.status(401).json({ error: 'invalid credentials' });
  }
  const orders = await Order.find({ owner: user._id, status: 'open' }).limit(20);
  res.json({ id: user.id, orders: orders.length });
});

module.exports = router;
