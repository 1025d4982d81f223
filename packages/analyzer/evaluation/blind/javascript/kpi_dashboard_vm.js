// expect: S001
const express = require("express");
const vm = require("vm");
const { loadMetrics } = require("./metrics");

const router = express.Router();
const RANGES = new Set(["7d", "30d", "90d"]);

function evaluateKpi(formula, metrics) {
  const sandbox = Object.freeze({ ...metrics, Math });
  const script = new vm.Script(`(${formula})`, { filename: "kpi-formula.js" });
  return script.runInNewContext(sandbox, { timeout: 50 });
}

router.post("/kpis/preview", express.json(), async (req, res) => {
  const { formula, range = "30d" } = req.body || {};
  if (typeof formula !== "string" || formula.length > 300) {
    return res.status(400).json({ error: "formula must be a short expression" });
  }
  if (!RANGES.has(range)) {
    return res.status(400).json({ error: "unsupported range" });
  }

  const metrics = await loadMetrics(req.user.orgId, range);
  try {
    const value = Number(evaluateKpi(formula, metrics));
    return res.json({ value: Number.isFinite(value) ? value : null, range });
  } catch (err) {
    return res.status(422).json({ error: "could not evaluate formula" });
  }
});

module.exports = router;
