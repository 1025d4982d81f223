// expect: safe
const express = require('express');
const escapeRegExp = require('lodash.escaperegexp');

const app = express();
const products = ['red shirt', 'blue shirt', 'green hat'];
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

app.get('/filter', (req, res) => {
  const matcher = new RegExp(escapeRegExp(String(req.query.term)), 'i');
  res.json({ items: products.filter((name) => matcher.test(name)), slug: SLUG.test(String(req.query.slug)) });
});
