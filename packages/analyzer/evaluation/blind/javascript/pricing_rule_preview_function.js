// expect: S001
const express = require("express");
const { getCart } = require("./cart");

const router = express.Router();
router.use(express.json());

function compileRule(expression) {
  return new Function("cart", "customer", `return (${expression});`);
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
