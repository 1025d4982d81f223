// expect: safe
const crypto = require("crypto");

function waiverKey() {
  const key = Buffer.from(process.env.WAIVER_SEAL_KEY_HEX || "", "hex");
  if (key.length !== 32) throw new Error("WAIVER_SEAL_KEY_HEX must decode to 32 bytes");
  return key;
}

function sealWaiver(pdfBuffer, guestId) {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", waiverKey(), iv);
  cipher.setAAD(Buffer.from(`waiver:${guestId}`));
  const ciphertext = Buffer.concat([cipher.update(pdfBuffer), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), ciphertext]);
}

function openWaiver(blob, guestId) {
  const iv = blob.subarray(0, 12);
  const tag = blob.subarray(12, 28);
  const ciphertext = blob.subarray(28);
  const decipher = crypto.createDecipheriv("aes-256-gcm", waiverKey(), iv);
  decipher.setAAD(Buffer.from(`waiver:${guestId}`));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
}

async function storeSignedWaiver(bucket, guest, pdfBuffer) {
  const sealed = sealWaiver(pdfBuffer, guest.id);
  await bucket.put(`waivers/${guest.season}/${guest.id}.bin`, sealed, {
    contentType: "application/octet-stream",
  });
  return sealed.length;
}

module.exports = { sealWaiver, openWaiver, storeSignedWaiver };
