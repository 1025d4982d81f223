// expect: S035
const express = require("express");
const { loadCatalog } = require("./catalog");

const router = express.Router();

router.get("/api/products/search", async (req, res) => {
  const term = String(req.query.q || "").trim();
  if (!term) return res.json([]);
  let matcher;
  try {
    matcher = new RegExp(term, "i");
  } catch {
    return res.status(400).json({ error: "invalid search" });
  }
  const products = await loadCatalog();
  const hits = products.filter((p) => matcher.test(p.name) || matcher.test(p.description));
  res.json(hits.slice(0, 50).map((p) => ({ sku: p.sku, name: p.name, price: p.price })));
});

module.exports = router;
