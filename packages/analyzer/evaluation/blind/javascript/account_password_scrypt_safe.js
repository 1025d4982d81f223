// expect: safe
const crypto = require("crypto");
const { promisify } = require("util");
const { User } = require("./models");

const scrypt = promisify(crypto.scrypt);
const KEY_LEN = 64;
const SCRYPT_OPTS = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

async function hashPassword(password, salt) {
  const derived = await scrypt(password, salt, KEY_LEN, SCRYPT_OPTS);
  return derived.toString("hex");
}

async function register(email, password) {
  const salt = crypto.randomBytes(16).toString("hex");
  return User.create({
    email: String(email).trim().toLowerCase(),
    salt,
    passwordHash: await hashPassword(String(password), salt),
  });
}

async function verifyLogin(email, password) {
  const user = await User.findOne({ where: { email: String(email).trim().toLowerCase() } });
  if (!user) return null;
  const candidate = Buffer.from(await hashPassword(String(password), user.salt), "hex");
  const stored = Buffer.from(user.passwordHash, "hex");
  if (candidate.length !== stored.length) return null;
  return crypto.timingSafeEqual(candidate, stored) ? user : null;
}

module.exports = { register, verifyLogin };
