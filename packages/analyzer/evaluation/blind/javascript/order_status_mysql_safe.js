// expect: safe
const express = require("express");
const mysql = require("mysql2");

const pool = mysql.createPool({
  host: process.env.DB_HOST,
  user: process.env.DB_USER,
  password: process.env.DB_PASSWORD,
  database: "shop",
});
const app = express();
const SORT_COLUMNS = { newest: "created_at DESC", biggest: "total DESC" };

app.get("/api/orders", (req, res) => {
  const status = String(req.query.status || "open");
  const customer = Number.parseInt(req.query.customer, 10) || 0;
  const orderBy = SORT_COLUMNS[req.query.sort] || SORT_COLUMNS.newest;
  const sql = `SELECT id, total, created_at FROM orders
               WHERE customer_id = ? AND status = ?
               ORDER BY ${orderBy} LIMIT 100`;
  pool.execute(sql, [customer, status], (err, rows) => {
    if (err) return res.status(500).json({ error: "db error" });
    res.json(rows);
  });
});

app.listen(3001);
