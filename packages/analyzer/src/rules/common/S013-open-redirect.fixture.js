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

module.exports = { done, signedIn };
