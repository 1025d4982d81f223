// expect: safe
const express = require("express");
const { loadMetrics } = require("./metrics");

const router = express.Router();
const RANGES = new Set(["7d", "30d", "90d"]);

const ratio = (a, b) => (b ? a / b : 0);

const KPI_FORMULAS = {
  conversion_rate: (m) => ratio(m.orders, m.visits),
  average_order_value: (m) => ratio(m.revenue, m.orders),
  refund_ratio: (m) => ratio(m.refunds, m.orders),
  revenue_per_visit: (m) => ratio(m.revenue, m.visits),
};

function evaluateKpi(name, metrics) {
  if (!Object.prototype.hasOwnProperty.call(KPI_FORMULAS, name)) {
    return undefined;
  }
  return KPI_FORMULAS[name](metrics);
}

router.post("/kpis/preview", express.json(), async (req, res) => {
  const { kpi, range = "30d" } = req.body || {};
  if (typeof kpi !== "string" || !RANGES.has(range)) {
    return res.status(400).json({ error: "kpi and a supported range are required" });
  }

  const metrics = await loadMetrics(req.user.orgId, range);
  const value = evaluateKpi(kpi, metrics);
  if (value === undefined) {
    return res.status(404).json({ error: "unknown kpi", available: Object.keys(KPI_FORMULAS) });
  }
  return res.json({ kpi, value: Number.isFinite(value) ? value : null, range });
});

module.exports = router;
