const fs = require('fs/promises');
const os = require('os');
const path = require('path');

async function exportOrders(accountId, csv) {
  const tmpFile = path.join('/tmp', `orders-${accountId}.csv`);
  // ruleid: S016
  await fs.writeFile(tmpFile, csv);
  // ruleid: S016
  await fs.writeFile(path.join(os.tmpdir(), 'orders.csv'), csv);
  // ruleid: S016
  await fs.writeFile(`${os.tmpdir()}/orders-${accountId}.csv`, csv);
  const workDir = await fs.mkdtemp(path.join(os.tmpdir(), 'orders-'));
  // ok: S016
  await fs.writeFile(path.join(workDir, 'orders.csv'), csv);
  // ok: S016
  await fs.writeFile(path.join(os.tmpdir(), `orders-${crypto.randomUUID()}.csv`), csv);
  return workDir;
}

module.exports = { exportOrders };
