// expect: safe
const crypto = require("crypto");
const fs = require("fs/promises");

function exportKey() {
  const key = Buffer.from(process.env.PERMIT_EXPORT_KEY || "", "hex");
  if (key.length !== 32) throw new Error("PERMIT_EXPORT_KEY must be 32 bytes of hex");
  return key;
}

function encryptRecord(record, key) {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", key, iv);
  const plaintext = Buffer.from(JSON.stringify(record), "utf8");
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString("base64");
}

async function exportPermits(pool, outFile) {
  const key = exportKey();
  const { rows } = await pool.query(
    "SELECT permit_no, plate, holder_name, zone, valid_until FROM permits WHERE active = true ORDER BY permit_no"
  );
  const lines = rows.map((row) => encryptRecord(row, key));
  await fs.writeFile(outFile, lines.join("\n") + "\n", { mode: 0o600 });
  return lines.length;
}

module.exports = { encryptRecord, exportPermits };
