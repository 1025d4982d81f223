function done(req, res) {
  // ruleid: S013
  res.redirect(req.query.next);
  // ok: S013
  res.redirect('/home');
}
module.exports = done;
