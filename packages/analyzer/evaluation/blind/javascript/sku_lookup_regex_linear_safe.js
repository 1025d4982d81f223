// expect: safe
const express = require("express");
const { Pool } = require("pg");

const pool = new Pool({ connectionString: process.env.CATALOG_DATABASE_URL });
const router = express.Router();

const SKU_PATTERN = /^[A-Z0-9]+(?:-[A-Z0-9]+)*$/;
const MAX_SKU_LENGTH = 40;

function parseSkuList(raw) {
  return String(raw || "")
    .split(",")
    .map((s) => s.trim().toUpperCase())
    .filter(Boolean);
}

router.get("/catalog/skus", async (req, res) => {
  const skus = parseSkuList(req.query.ids);
  if (skus.length === 0 || skus.length > 100) {
    return res.status(400).json({ error: "provide between 1 and 100 SKUs" });
  }
  const invalid = skus.filter((sku) => sku.length > MAX_SKU_LENGTH || !SKU_PATTERN.test(sku));
  if (invalid.length) {
    return res.status(400).json({ error: "malformed SKU", count: invalid.length });
  }
  const { rows } = await pool.query(
    "select sku, name, price_cents, stock from products where sku = any($1::text[])",
    [skus]
  );
  return res.json({ products: rows });
});

module.exports = router;
