// expect: safe
const express = require("express");
const vm = require("vm");

const app = express();
app.use(express.json());

const DISCOUNT_SCRIPT = new vm.Script("total > threshold ? total * rate : 0");
const OPERATORS = {
  gt: (a, b) => a > b,
  lt: (a, b) => a < b,
  eq: (a, b) => a === b,
};

app.post("/api/rules/test", (req, res) => {
  const { field, op, value, sample } = req.body;
  const compare = Object.prototype.hasOwnProperty.call(OPERATORS, op) ? OPERATORS[op] : null;
  if (!compare || typeof field !== "string") {
    return res.status(400).json({ error: "invalid rule" });
  }
  const order = sample || {};
  const discount = DISCOUNT_SCRIPT.runInNewContext({
    total: Number(order.total) || 0,
    threshold: 100,
    rate: 0.05,
  });
  res.json({ matched: compare(order[field], value), discount });
});

app.listen(3000);
