// expect: safe
const fs = require("fs/promises");
const os = require("os");
const path = require("path");
const { stringify } = require("csv-stringify/sync");
const { uploadToBucket } = require("./storage");

const COLUMNS = ["number", "placed_at", "status", "total"];

async function exportOrders(accountId, orders) {
  const csv = stringify(orders, { header: true, columns: COLUMNS });
  const workDir = await fs.mkdtemp(path.join(os.tmpdir(), "orders-"));
  const tmpFile = path.join(workDir, "orders.csv");
  await fs.writeFile(tmpFile, csv, { mode: 0o600, flag: "wx" });
  try {
    return await uploadToBucket(`exports/${accountId}/orders.csv`, tmpFile);
  } finally {
    await fs.rm(workDir, { recursive: true, force: true });
  }
}

module.exports = { exportOrders };
