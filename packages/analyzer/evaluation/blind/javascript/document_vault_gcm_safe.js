// expect: safe
const crypto = require("crypto");
const fs = require("fs/promises");
const path = require("path");

const VAULT_DIR = process.env.VAULT_DIR || "/var/lib/vault";
const KEY = Buffer.from(process.env.VAULT_KEY_HEX || "", "hex");

function encrypt(plain) {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", KEY, iv);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

function decrypt(sealed) {
  const decipher = crypto.createDecipheriv("aes-256-gcm", KEY, sealed.subarray(0, 12));
  decipher.setAuthTag(sealed.subarray(12, 28));
  return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]);
}

async function storeDocument(contents) {
  const id = crypto.randomUUID();
  await fs.writeFile(path.join(VAULT_DIR, `${id}.bin`), encrypt(contents), { mode: 0o600 });
  return id;
}

async function loadDocument(id) {
  if (!/^[0-9a-f-]{36}$/.test(id)) throw new Error("bad document id");
  return decrypt(await fs.readFile(path.join(VAULT_DIR, `${id}.bin`)));
}

module.exports = { storeDocument, loadDocument };
