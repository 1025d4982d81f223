// expect: S006
const crypto = require("crypto");
const { Pool } = require("pg");

const pool = new Pool({ connectionString: process.env.DATABASE_URL });

function hashPassword(password, salt) {
  return crypto.createHash("sha1").update(salt + password).digest("hex");
}

async function createUser(email, password) {
  const salt = crypto.randomBytes(16).toString("hex");
  const hash = hashPassword(password, salt);
  await pool.query("INSERT INTO users (email, salt, password_hash) VALUES ($1, $2, $3)", [
    email.toLowerCase(),
    salt,
    hash,
  ]);
}

async function verifyUser(email, password) {
  const { rows } = await pool.query("SELECT salt, password_hash FROM users WHERE email = $1", [
    email.toLowerCase(),
  ]);
  if (!rows.length) return false;
  const candidate = Buffer.from(hashPassword(password, rows[0].salt));
  return crypto.timingSafeEqual(candidate, Buffer.from(rows[0].password_hash));
}

module.exports = { createUser, verifyUser };
