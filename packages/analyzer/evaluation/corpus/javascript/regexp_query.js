// expect: S035
const express = require('express');

const app = express();
const products = ['red shirt', 'blue shirt', 'green hat'];

app.get('/filter', (req, res) => {
  const matcher = new RegExp(req.query.pattern, 'i');
  res.json(products.filter((name) => matcher.test(name)));
});
