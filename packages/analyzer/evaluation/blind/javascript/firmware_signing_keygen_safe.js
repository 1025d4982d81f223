// expect: safe
const { generateKeyPair } = require("crypto");
const fs = require("fs/promises");
const path = require("path");
const { promisify } = require("util");

const generateKeyPairAsync = promisify(generateKeyPair);
const PRODUCT_LINE = /^[a-z0-9-]{2,32}$/;

async function createSigningKey(productLine, outDir) {
  if (!PRODUCT_LINE.test(productLine)) {
    throw new Error(`invalid product line: ${productLine}`);
  }
  const { publicKey, privateKey } = await generateKeyPairAsync("rsa", {
    modulusLength: 3072,
    publicExponent: 0x10001,
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
  });
  await fs.mkdir(outDir, { recursive: true, mode: 0o700 });
  await fs.writeFile(path.join(outDir, `${productLine}.pub.pem`), publicKey, { mode: 0o644 });
  await fs.writeFile(path.join(outDir, `${productLine}.key.pem`), privateKey, { mode: 0o600 });
  return publicKey;
}

if (require.main === module) {
  const [productLine, outDir = "./keys"] = process.argv.slice(2);
  createSigningKey(productLine, outDir)
    .then((pub) => process.stdout.write(pub))
    .catch((err) => {
      console.error(err.message);
      process.exitCode = 1;
    });
}

module.exports = { createSigningKey };
