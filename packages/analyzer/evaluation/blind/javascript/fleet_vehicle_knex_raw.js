// expect: S003
const express = require("express");
const knex = require("knex")({
  client: "pg",
  connection: process.env.FLEET_DATABASE_URL,
  pool: { min: 0, max: 10 },
});

const router = express.Router();

async function searchVehicles({ plate = "", depot, limit = 50 }) {
  const depotClause = depot ? `and v.depot_id = ${Number(depot)}` : "";
  const pageSize = Math.min(Number(limit) || 50, 200);
  const sql = `
    select v.id, v.plate, v.model, v.odometer_km, d.name as depot
    from vehicles v join depots d on d.id = v.depot_id
    where v.retired_at is null and v.plate ilike '%${plate}%' ${depotClause}
    order by v.plate
    limit ${pageSize}`;
  const result = await knex.raw(sql);
  return result.rows;
}

router.get("/vehicles", async (req, res, next) => {
  try {
    const vehicles = await searchVehicles(req.query);
    res.json({ count: vehicles.length, vehicles });
  } catch (err) {
    next(err);
  }
});

module.exports = router;
