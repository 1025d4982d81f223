// expect: S003
const express = require("express");
const mysql = require("mysql2");

const pool = mysql.createPool({
  host: process.env.DB_HOST,
  user: process.env.DB_USER,
  password: process.env.DB_PASSWORD,
  database: "shop",
});
const app = express();

app.get("/api/orders", (req, res) => {
  const status = req.query.status || "open";
  const customer = Number.parseInt(req.query.customer, 10) || 0;
  const sql = `SELECT id, total, created_at FROM orders
               WHERE customer_id = ? AND status = '${status}'
               ORDER BY created_at DESC LIMIT 100`;
  pool.query(sql, [customer], (err, rows) => {
    if (err) return res.status(500).json({ error: "db error" });
    res.json(rows);
  });
});

app.listen(3001);
