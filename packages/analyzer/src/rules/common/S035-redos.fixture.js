const escapeStringRegexp = require('escape-string-regexp');

function search(req, res, names) {
  // ruleid: S035
  const pattern = new RegExp(req.query.pattern, 'i');
  // ruleid: S035
  const email = /^([a-zA-Z0-9])(([\-.]|[_]+)?([a-zA-Z0-9]+))*(@){1}[a-z0-9]+[.]{1}[a-z]{2,3}$/;
  // ruleid: S035
  const words = new RegExp('^(\\w+\\s?)*$');
  // ok: S035
  const literal = new RegExp(escapeStringRegexp(req.query.term), 'i');
  // ok: S035
  const host = /^(?:[a-z0-9-]+\.)+[a-z]{2,}$/;
  // ok: S035
  const lines = /(\r?\n)+/g;
  res.json(names.filter((name) => pattern.test(name) || literal.test(name) || email.test(name) || words.test(name) || host.test(name) || lines.test(name)));
}

module.exports = { search };

function tagFilter(req) {
  const tags = req.query.tags.split(',');
  // ok: S035
  const escaped = new RegExp(`^(${tags.map((tag) => escapeStringRegexp(tag)).join('|')})$`);
  // ruleid: S035
  const raw = new RegExp(`^(${tags.map((tag) => tag.trim()).join('|')})$`);
  return [escaped, raw];
}

module.exports.tagFilter = tagFilter;
