function done(req, res) {
  // ruleid: S013
  res.redirect(req.query.next);
  // ok: S013
  res.redirect('/home');
}
const APP_ORIGIN = new URL(process.env.APP_ORIGIN || 'https://app.example.com');

function sameOrigin(value) {
  const target = new URL(value, APP_ORIGIN);
  return target.origin === APP_ORIGIN.origin ? target.href : '/';
}

function signedIn(req, res) {
  // ok: S013
  res.redirect(303, sameOrigin(req.body.returnTo));
  // ruleid: S013
  res.redirect(303, new URL(req.body.returnTo, APP_ORIGIN).href);
}

const STORE_ORIGIN = process.env.STORE_ORIGIN || 'https://shop.example.com';

function landing(req, res) {
  const target = new URL(req.query.to, STORE_ORIGIN);
  if (target.origin !== new URL(STORE_ORIGIN).origin) {
    return res.redirect('/');
  }
  // ok: S013
  return res.redirect(target.href);
}

async function paywallRoutes(fastify) {
  fastify.get('/subscribe/return', async (request, reply) => {
    const { returnTo = '/' } = request.query;
    if (request.query.plan === 'none') {
      // ok: S013
      return reply.redirect(302, '/plans');
    }
    // ruleid: S013
    return reply.redirect(302, returnTo);
  });
}

module.exports = { done, signedIn, landing, paywallRoutes };
