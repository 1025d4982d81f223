// expect: safe
const express = require("express");
const { Pool } = require("pg");

const pool = new Pool({ connectionString: process.env.WMS_DATABASE_URL });
const router = express.Router();
const ZONES = new Set(["A", "B", "C", "COLD", "BULK"]);

function requireStaff(req, res, next) {
  if (!req.session || !req.session.staffId) {
    return res.status(401).json({ error: "sign in first" });
  }
  return next();
}

async function assignedWarehouse(staffId, warehouseId) {
  const { rows } = await pool.query(
    "select warehouse_id from staff_assignments where staff_id = $1 and warehouse_id = $2 and active",
    [staffId, Number.parseInt(warehouseId, 10)]
  );
  return rows.length ? rows[0].warehouse_id : null;
}

router.post("/shift/start", requireStaff, express.json(), async (req, res) => {
  const { warehouseId, zone = "A" } = req.body || {};
  const allowedWarehouse = await assignedWarehouse(req.session.staffId, warehouseId);
  if (allowedWarehouse === null || !ZONES.has(zone)) {
    return res.status(403).json({ error: "you are not assigned to that warehouse zone" });
  }
  req.session.warehouseId = allowedWarehouse;
  req.session.zone = zone;
  req.session.shiftStartedAt = Date.now();
  return res.json({ ok: true, warehouseId: allowedWarehouse, zone });
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
