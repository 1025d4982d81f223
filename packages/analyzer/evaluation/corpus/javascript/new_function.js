// expect: S001
module.exports = function compile(req) {
  return new Function('x', 'return ' + req.body.formula);
};
