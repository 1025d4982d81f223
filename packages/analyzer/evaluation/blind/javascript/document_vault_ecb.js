// expect: S007
const crypto = require("crypto");
const fs = require("fs/promises");
const path = require("path");

const VAULT_DIR = process.env.VAULT_DIR || "/var/lib/vault";
const KEY = Buffer.from(process.env.VAULT_KEY_HEX || "", "hex");

function encrypt(plain) {
  const cipher = crypto.createCipheriv("aes-256-ecb", KEY, null);
  return Buffer.concat([cipher.update(plain), cipher.final()]);
}

function decrypt(sealed) {
  const decipher = crypto.createDecipheriv("aes-256-ecb", KEY, null);
  return Buffer.concat([decipher.update(sealed), decipher.final()]);
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
