// expect: safe
const fs = require("fs");
const mysql = require("mysql2/promise");

function readSecret(name) {
  const file = process.env[`${name.toUpperCase()}_FILE`] || `/run/secrets/${name}`;
  return fs.readFileSync(file, "utf8").trim();
}

const pool = mysql.createPool({
  host: process.env.REPORTING_DB_HOST || "reporting-db.internal",
  user: "reporting_ro",
  password: readSecret("reporting_db_password"),
  database: "analytics",
  connectionLimit: 10,
  ssl: { rejectUnauthorized: true },
});

async function dailySignups(days) {
  const [rows] = await pool.execute(
    `SELECT DATE(created_at) AS day, COUNT(*) AS signups
       FROM users
      WHERE created_at >= NOW() - INTERVAL ? DAY
      GROUP BY day
      ORDER BY day`,
    [Number(days) || 30]
  );
  return rows;
}

module.exports = { pool, dailySignups };
