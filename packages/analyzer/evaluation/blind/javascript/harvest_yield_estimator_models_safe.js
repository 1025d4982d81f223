// expect: safe
const Router = require("@koa/router");

const router = new Router({ prefix: "/agronomy" });

const MODELS = {
  linear: (f, k) => f.acres * k.perAcre,
  rainfall: (f, k) => f.acres * (k.perAcre + k.perMm * f.rainfallMm),
  nitrogen: (f, k) => f.acres * (k.perAcre + k.perKgN * Math.sqrt(f.nitrogenKg)),
};

const DEFAULTS = { perAcre: 3.2, perMm: 0.004, perKgN: 0.05 };

function coefficients(input = {}) {
  const out = {};
  for (const [name, fallback] of Object.entries(DEFAULTS)) {
    const n = Number(input[name]);
    out[name] = Number.isFinite(n) ? n : fallback;
  }
  return out;
}

router.post("/fields/:fieldId/yield-estimate", async (ctx) => {
  const { model = "linear", coefficients: raw = {} } = ctx.request.body || {};
  if (!Object.prototype.hasOwnProperty.call(MODELS, model)) {
    ctx.throw(400, "unknown model");
  }
  const field = await ctx.state.db.fields.findById(ctx.params.fieldId);
  if (!field) {
    ctx.throw(404, "field not found");
  }
  const bushels = MODELS[model](field, coefficients(raw));
  if (!Number.isFinite(bushels)) {
    ctx.throw(422, "estimate did not produce a number");
  }
  ctx.body = { fieldId: field.id, model, bushels: Math.round(bushels) };
});

module.exports = router;
