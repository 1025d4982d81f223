// expect: S016
const fs = require("fs/promises");
const path = require("path");
const { stringify } = require("csv-stringify/sync");
const { uploadToBucket } = require("./storage");

const COLUMNS = ["number", "placed_at", "status", "total"];

async function exportOrders(accountId, orders) {
  const csv = stringify(orders, { header: true, columns: COLUMNS });
  const tmpFile = path.join("/tmp", `orders-${accountId}-${Date.now()}.csv`);
  await fs.writeFile(tmpFile, csv);
  try {
    return await uploadToBucket(`exports/${accountId}/orders.csv`, tmpFile);
  } finally {
    await fs.unlink(tmpFile).catch(() => {});
  }
}

module.exports = { exportOrders };
