// expect: S003
const express = require("express");
const { Pool } = require("pg");

const pool = new Pool({ connectionString: process.env.DATABASE_URL });
const app = express();

async function searchInvoices({ customerId, from, to, number }) {
  let sql = "SELECT id, number, total_cents, issued_on FROM invoices WHERE customer_id = $1";
  const params = [customerId];
  if (from) {
    params.push(from);
    sql += ` AND issued_on >= $${params.length}`;
  }
  if (to) {
    params.push(to);
    sql += ` AND issued_on <= $${params.length}`;
  }
  if (number) sql += ` AND number LIKE '${number}%'`;
  sql += " ORDER BY issued_on DESC LIMIT 200";
  const { rows } = await pool.query(sql, params);
  return rows;
}

app.get("/api/invoices", async (req, res, next) => {
  try {
    const rows = await searchInvoices({
      customerId: req.user.customerId,
      from: req.query.from,
      to: req.query.to,
      number: req.query.number,
    });
    res.json(rows);
  } catch (err) {
    next(err);
  }
});

module.exports = app;
