// expect: safe
const express = require("express");
const { loadCatalog } = require("./catalog");

const router = express.Router();

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

router.get("/api/products/search", async (req, res) => {
  const term = String(req.query.q || "").trim().slice(0, 100);
  if (!term) return res.json([]);
  const matcher = new RegExp(escapeRegExp(term), "i");
  const products = await loadCatalog();
  const hits = products.filter((p) => matcher.test(p.name) || matcher.test(p.description));
  res.json(hits.slice(0, 50).map((p) => ({ sku: p.sku, name: p.name, price: p.price })));
});

module.exports = router;
