const vm = require('vm');

function run(req) {
  // ruleid: S001
  eval(req.query.code);
  // ruleid: S001
  const fn = new Function('a', req.body.expr);
  // ruleid: S001
  vm.runInNewContext(req.body.script, {});
  // ok: S001
  eval('2 + 2');
  // ok: S001
  JSON.parse(req.body.data);
  // resoftai-ignore-next-line S001
  eval(req.query.other);
  return fn;
}
