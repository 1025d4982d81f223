const axios = require('axios');
const got = require('got');
const needle = require('needle');
const request = require('request');

async function proxy(req, res) {
  const target = req.query.url;
  // ruleid: S014
  const viaNeedle = await needle('get', target);
  // ruleid: S014
  needle.get(req.body.callback, (err, reply) => res.send(reply.body));
  // ruleid: S014
  const viaGot = await got.stream(target);
  // ruleid: S014
  const viaAxios = await axios({ method: 'get', url: req.body.url });
  // ruleid: S014
  request.post(target, { json: req.body });
  // ok: S014
  const status = await needle('get', 'https://status.example.com/health');
  // ok: S014
  const health = await got('https://status.example.com/health');
  // ok: S014
  const api = await axios.get('https://api.example.com/v1/items', { params: { q: req.query.q } });
  res.send([viaNeedle.statusCode, viaGot.statusCode, viaAxios.status, status.statusCode, health.statusCode, api.status]);
}

async function relay(target) {
  // ruleid: S014
  return got.post(target, { json: { event: 'ping' } });
}

async function ping(target) {
  // ok: S014
  return got.head(target);
}

async function webhook(req, res) {
  await relay(req.body.callback);
  await ping('https://status.example.com/health');
  res.end();
}

async function importFeed(req, res) {
  const { feedUrl } = req.body;
  if (typeof feedUrl !== 'string' || !/^https?:\/\//i.test(feedUrl)) {
    return res.status(400).end();
  }
  // ruleid: S014
  const feed = await got(feedUrl);
  const { region } = req.query;
  if (!/^[a-z]{2}-[a-z]+-\d$/.test(region)) {
    return res.status(400).end();
  }
  // ok: S014
  return res.send(feed.body + (await got(`https://status.${region}.example.com/`)).body);
}

const IMAGE_HOSTS = new Set(['images.example.com']);

function allowedImage(src) {
  const url = new URL(src);
  if (url.protocol !== 'https:' || !IMAGE_HOSTS.has(url.hostname)) {
    return null;
  }
  return url;
}

async function image(req, res) {
  const checked = typeof req.query.src === 'string' ? allowedImage(req.query.src) : null;
  // ok: S014
  const body = checked ? (await got(checked)).body : '';
  const raw = typeof req.query.src === 'string' ? req.query.src : '';
  // ruleid: S014
  res.send(body + (await got(raw)).body);
}

async function carrierStatus({ trackingUrl, carrier = 'generic' }) {
  // ruleid: S014
  const response = await got(trackingUrl, { headers: { 'X-Carrier': carrier } });
  // ok: S014
  await got(`https://status.example.com/${encodeURIComponent(carrier)}`);
  return response.body;
}

async function refresh(req, res) {
  res.json(await carrierStatus(req.body));
}

module.exports = { proxy, webhook, importFeed, image, refresh };
