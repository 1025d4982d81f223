// expect: S009
process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0";

const axios = require("axios");

const erp = axios.create({
  baseURL: "https://erp.internal.example.com/api/v3",
  timeout: 15000,
  headers: { Authorization: `Bearer ${process.env.ERP_API_TOKEN}` },
});

async function fetchStockLevels(skus) {
  const { data } = await erp.get("/stock", { params: { sku: skus.join(",") } });
  return new Map(data.items.map((item) => [item.sku, item.available]));
}

async function syncStock(products) {
  const levels = await fetchStockLevels(products.map((p) => p.sku));
  const changed = [];
  for (const product of products) {
    const available = levels.get(product.sku);
    if (available !== undefined && available !== product.stock) {
      changed.push({ id: product.id, stock: available });
    }
  }
  return changed;
}

module.exports = { syncStock };
