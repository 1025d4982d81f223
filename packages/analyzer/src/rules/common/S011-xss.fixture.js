function render(el, user) {
  // ruleid: S011
  el.innerHTML = '<b>' + user.name + '</b>';
  // ok: S011
  el.innerHTML = '<b>static</b>';
  // ok: S011
  el.textContent = user.name;
  // ruleid: S011
  document.write(location.hash);
  // ruleid: S011
  el.insertAdjacentHTML('beforeend', user.bio);
}
module.exports = render;

const express = require('express');
const escapeHtml = require('escape-html');

const app = express();

function page(title, body) {
  return `<html><title>${title}</title><body>${body}</body></html>`;
}

app.get('/hello', (req, res) => {
  const name = req.query.name || 'guest';
  // ruleid: S011
  res.send(`<h1>Hello ${name}</h1>`);
  // ruleid: S011
  res.status(200).send(page('Hello', '<p>' + req.query.bio + '</p>'));
  // ok: S011
  res.send(`<h1>Hello ${escapeHtml(name)}</h1>`);
  const sort = ['asc', 'desc'].includes(req.query.sort) ? req.query.sort : 'asc';
  // ok: S011
  res.send(`<p>Sorted ${sort}</p>`);
  // ok: S011
  res.send(`<p>Page ${Number(req.query.page)}</p>`);
});

app.get('/hello.txt', (req, res) => {
  res.type('text/plain');
  // ok: S011
  res.send(`Hello ${req.query.name}`);
});

app.get('/legacy', (req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
  // ruleid: S011
  res.end('<p>' + req.query.q + '</p>');
});

const Router = require('@koa/router');

const router = new Router();

router.get('/search', async (ctx) => {
  const q = String(ctx.query.q || '');
  ctx.type = 'html';
  // ruleid: S011
  ctx.body = `<h2>Results for ${q}</h2>`;
  // ok: S011
  ctx.body = `<h2>Results for ${escapeHtml(q)}</h2>`;
});

router.get('/banner', async (ctx) => {
  // ruleid: S011
  ctx.body = `<p>Welcome ${ctx.query.name}</p>`;
});

router.get('/echo', async (ctx) => {
  // ok: S011
  ctx.body = `You searched for ${ctx.query.q}`;
});

module.exports.router = router;

app.get('/download', (req, res) => {
  const data = render(req.query.name);
  // ok: S011
  res.attachment('report.html').send(data);
});

app.get('/export', (req, res) => {
  res.set('Content-Disposition', 'attachment; filename="page.html"');
  // ok: S011
  res.send(`<p>${req.query.name}</p>`);
});

const hapiRoutes = [{
  method: 'GET',
  path: '/share',
  handler(request, h) {
    const page = `<blockquote>${request.query.note}</blockquote>`;
    // ruleid: S011
    return h.response(page).type('text/html');
  },
}, {
  method: 'GET',
  path: '/note',
  handler(request, h) {
    // ok: S011
    return h.response(request.query.note).type('text/plain');
  },
}];
module.exports.hapiRoutes = hapiRoutes;
