// expect: S001
const Router = require("@koa/router");
const vm = require("vm");

const router = new Router({ prefix: "/agronomy" });

const baseContext = Object.freeze({
  Math,
  clamp: (v, lo, hi) => Math.min(hi, Math.max(lo, v)),
});

function estimate(expression, field) {
  const sandbox = {
    ...baseContext,
    acres: field.acres,
    rainfall: field.rainfallMm,
    nitrogen: field.nitrogenKg,
  };
  return vm.runInNewContext(expression, sandbox, { timeout: 50 });
}

router.post("/fields/:fieldId/yield-estimate", async (ctx) => {
  const { expression = "acres * 3.2" } = ctx.request.body || {};
  const field = await ctx.state.db.fields.findById(ctx.params.fieldId);
  if (!field) {
    ctx.throw(404, "field not found");
  }
  const bushels = Number(estimate(String(expression), field));
  if (!Number.isFinite(bushels)) {
    ctx.throw(422, "estimate did not produce a number");
  }
  ctx.body = { fieldId: field.id, bushels: Math.round(bushels) };
});

module.exports = router;
