const fs = require('fs');
const fsp = require('fs/promises');

const SHARED_MODE = 0o777;

async function prepare(root, handle) {
  // ruleid: S019
  fs.chmodSync(root + '/uploads', 0o777);
  // ruleid: S019
  fs.chmod(root + '/tmp', '666', () => {});
  // ruleid: S019
  await fsp.chmod(root + '/cache', SHARED_MODE);
  // ruleid: S019
  fs.mkdirSync(root + '/public', { recursive: true, mode: 0o777 });
  // ruleid: S019
  fs.writeFileSync(root + '/state.json', '{}', { mode: fs.constants.S_IRWXU | fs.constants.S_IWOTH });
  // ruleid: S019
  await handle.chmod(0o646);
  // ok: S019
  fs.chmodSync(root + '/logs', 0o750);
  // ok: S019
  fs.chmodSync(root + '/bin/run', 0o755);
  // ok: S019
  fs.mkdirSync(root + '/private', { recursive: true, mode: 0o700 });
  // ok: S019
  fs.writeFileSync(root + '/notes.txt', 'hello', 'utf8');
}

module.exports = prepare;
