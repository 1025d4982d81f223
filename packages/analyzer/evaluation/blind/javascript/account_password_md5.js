// expect: S006
const crypto = require("crypto");
const { User } = require("./models");

function hashPassword(password, salt) {
  return crypto.createHash("md5").update(salt + password).digest("hex");
}

async function register(email, password) {
  const salt = crypto.randomBytes(16).toString("hex");
  return User.create({
    email: String(email).trim().toLowerCase(),
    salt,
    passwordHash: hashPassword(String(password), salt),
  });
}

async function verifyLogin(email, password) {
  const user = await User.findOne({ where: { email: String(email).trim().toLowerCase() } });
  if (!user) return null;
  const candidate = Buffer.from(hashPassword(String(password), user.salt), "hex");
  const stored = Buffer.from(user.passwordHash, "hex");
  if (candidate.length !== stored.length) return null;
  return crypto.timingSafeEqual(candidate, stored) ? user : null;
}

module.exports = { register, verifyLogin };
