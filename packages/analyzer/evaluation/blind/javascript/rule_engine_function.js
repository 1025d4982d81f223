// expect: S001
const express = require("express");

const app = express();
app.use(express.json());

function compileRule(expression) {
  // expression like "order.total > 100 && order.country === 'DE'"
  return new Function("order", `return (${expression});`);
}

app.post("/api/rules/test", (req, res) => {
  const { expression, sample } = req.body;
  if (typeof expression !== "string" || expression.length > 500) {
    return res.status(400).json({ error: "invalid expression" });
  }
  try {
    const rule = compileRule(expression);
    res.json({ matched: Boolean(rule(sample || {})) });
  } catch (err) {
    res.status(422).json({ error: err.message });
  }
});

app.listen(3000);
