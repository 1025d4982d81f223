// expect: S032
const express = require("express");
const { Pool } = require("pg");

const pool = new Pool({ connectionString: process.env.WMS_DATABASE_URL });
const router = express.Router();

function requireStaff(req, res, next) {
  if (!req.session || !req.session.staffId) {
    return res.status(401).json({ error: "sign in first" });
  }
  return next();
}

router.post("/shift/start", requireStaff, express.json(), (req, res) => {
  const { warehouseId, zone = "A", scanner } = req.body || {};
  if (!warehouseId) {
    return res.status(400).json({ error: "warehouseId is required" });
  }
  Object.assign(req.session, {
    warehouseId,
    zone,
    scannerId: scanner || null,
    shiftStartedAt: Date.now(),
  });
  return res.json({ ok: true, warehouseId, zone });
});

router.get("/picks/next", requireStaff, async (req, res) => {
  const { warehouseId, zone } = req.session;
  if (!warehouseId) return res.status(409).json({ error: "start a shift first" });
  const { rows } = await pool.query(
    `select id, order_id, sku, bin, quantity from pick_tasks
     where warehouse_id = $1 and zone = $2 and status = 'open'
     order by priority desc, created_at limit 1`,
    [warehouseId, zone]
  );
  return res.json({ task: rows[0] || null });
});

module.exports = router;
