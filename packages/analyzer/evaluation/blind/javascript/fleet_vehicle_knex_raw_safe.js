// expect: safe
const express = require("express");
const knex = require("knex")({
  client: "pg",
  connection: process.env.FLEET_DATABASE_URL,
  pool: { min: 0, max: 10 },
});

const router = express.Router();

async function searchVehicles({ plate = "", depot, limit = 50 }) {
  const bindings = [`%${String(plate)}%`];
  let depotClause = "";
  if (depot) {
    depotClause = "and v.depot_id = ?";
    bindings.push(Number.parseInt(depot, 10));
  }
  bindings.push(Math.min(Number.parseInt(limit, 10) || 50, 200));
  const sql = `
    select v.id, v.plate, v.model, v.odometer_km, d.name as depot
    from vehicles v join depots d on d.id = v.depot_id
    where v.retired_at is null and v.plate ilike ? ${depotClause}
    order by v.plate
    limit ?`;
  const result = await knex.raw(sql, bindings);
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
