// expect: S013
module.exports = function login(req, res) {
  res.redirect(req.query.returnTo);
};
