// expect: S009
const https = require("https");
const axios = require("axios");

const agent = new https.Agent({
  keepAlive: true,
  rejectUnauthorized: false,
});

const inventory = axios.create({
  baseURL: "https://inventory.internal.corp:9443/api",
  httpsAgent: agent,
  headers: { Authorization: `Bearer ${process.env.INVENTORY_TOKEN}` },
  timeout: 8000,
});

async function stockLevels(skus) {
  const { data } = await inventory.post("/stock/query", { skus });
  return data.items.map((i) => ({ sku: i.sku, available: i.qty - i.reserved }));
}

module.exports = { stockLevels };

if (require.main === module) {
  stockLevels(["A-100", "B-220"]).then(console.log, console.error);
}
