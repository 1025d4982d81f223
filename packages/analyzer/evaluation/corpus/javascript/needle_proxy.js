// expect: S014
const express = require('express');
const needle = require('needle');

const app = express();

app.get('/preview', async (req, res) => {
  const page = await needle('get', req.query.link, { follow_max: 3 });
  res.type('text/plain').send(String(page.body).slice(0, 500));
});
