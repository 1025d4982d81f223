const { exec, execFile, spawn } = require('child_process');

function run(req) {
  // ruleid: S002
  exec('ls ' + req.query.dir);
  // ruleid: S002
  spawn(req.body.cmd, { shell: true });
  // ok: S002
  execFile('ls', ['-l', req.query.dir]);
  // ok: S002
  exec('uptime');
  // ok: S002
  /a+/.exec(req.query.dir);
}
