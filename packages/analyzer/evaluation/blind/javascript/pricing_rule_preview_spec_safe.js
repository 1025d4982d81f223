// expect: safe
const express = require("express");
const { getCart } = require("./cart");

const router = express.Router();
router.use(express.json());

const OPERATORS = new Map([
  ["eq", (a, b) => a === b],
  ["gt", (a, b) => a > b],
  ["gte", (a, b) => a >= b],
  ["lt", (a, b) => a < b],
  ["in", (a, b) => Array.isArray(b) && b.includes(a)],
]);
const FIELDS = new Map([
  ["total", (cart) => cart.total],
  ["itemCount", (cart) => cart.items.length],
  ["country", (cart, customer) => customer.country],
]);

function compileRule(text) {
  const spec = JSON.parse(text);
  const op = OPERATORS.get(spec.op);
  const field = FIELDS.get(spec.field);
  if (!op || !field) throw new Error("unsupported rule");
  return (cart, customer) => op(field(cart, customer), spec.value);
}

router.post("/pricing/preview", async (req, res) => {
  const { rule, cartId } = req.body;
  if (typeof rule !== "string" || rule.length > 500) {
    return res.status(400).json({ error: "invalid rule" });
  }
  const cart = await getCart(cartId);
  if (!cart) return res.status(404).json({ error: "cart not found" });
  try {
    const applies = Boolean(compileRule(rule)(cart, req.user));
    res.json({ applies });
  } catch (err) {
    res.status(422).json({ error: "rule failed to evaluate" });
  }
});

module.exports = router;
