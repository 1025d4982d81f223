// expect: S007
const crypto = require("crypto");
const fs = require("fs/promises");

function exportKey() {
  const key = Buffer.from(process.env.PERMIT_EXPORT_KEY || "", "hex");
  if (key.length !== 32) throw new Error("PERMIT_EXPORT_KEY must be 32 bytes of hex");
  return key;
}

function encryptRecord(record, key) {
  const cipher = crypto.createCipheriv("aes-256-ecb", key, null);
  const plaintext = Buffer.from(JSON.stringify(record), "utf8");
  return Buffer.concat([cipher.update(plaintext), cipher.final()]).toString("base64");
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
