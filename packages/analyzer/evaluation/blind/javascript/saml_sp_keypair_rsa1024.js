// expect: S024
const crypto = require("crypto");
const fs = require("fs/promises");
const path = require("path");

const KEY_DIR = process.env.SAML_KEY_DIR || "/etc/sso/keys";

function generateSigningKeys() {
  return crypto.generateKeyPairSync("rsa", {
    modulusLength: 1024,
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: {
      type: "pkcs8",
      format: "pem",
      cipher: "aes-256-cbc",
      passphrase: process.env.SAML_KEY_PASSPHRASE,
    },
  });
}

async function rotateServiceProviderKeys(tenantSlug) {
  if (!/^[a-z0-9-]{2,40}$/.test(tenantSlug)) {
    throw new Error("invalid tenant slug");
  }
  const { publicKey, privateKey } = generateSigningKeys();
  const dir = path.join(KEY_DIR, tenantSlug);
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  const stamp = new Date().toISOString().slice(0, 10);
  await fs.writeFile(path.join(dir, `sp-${stamp}.key`), privateKey, { mode: 0o600, flag: "wx" });
  await fs.writeFile(path.join(dir, `sp-${stamp}.pub`), publicKey, { mode: 0o644, flag: "wx" });
  const fingerprint = crypto.createHash("sha256").update(publicKey).digest("hex");
  return { tenantSlug, fingerprint, createdAt: stamp };
}

module.exports = { rotateServiceProviderKeys };
