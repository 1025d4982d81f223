// expect: S005
const mysql = require("mysql2/promise");

const pool = mysql.createPool({
  host: process.env.REPORTING_DB_HOST || "reporting-db.internal",
  user: "reporting_ro",
  password: "R3p0rt!ng#2023-prod",
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
