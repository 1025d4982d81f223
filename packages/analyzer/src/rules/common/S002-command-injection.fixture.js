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

const { promisify } = require('util');

const execAsync = promisify(exec);
const execFileAsync = promisify(execFile);

async function whois(domain) {
  // ruleid: S002
  const { stdout } = await execAsync(`whois ${domain}`);
  // ok: S002
  const checked = await execFileAsync('whois', [domain]);
  // ok: S002
  await execAsync('whois --version');
  return stdout + checked.stdout;
}

module.exports = { run, whois };
