// expect: S036
const crypto = require("crypto");

const WAIVER_KEY = Buffer.from(
  "9f1c2e7a4b8d0f36a5c1e9b27d4f8a03c6e2b9d1f07a4c8e5b3d9f2a1c6e8b04",
  "hex"
);

function sealWaiver(pdfBuffer, guestId) {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", WAIVER_KEY, iv);
  cipher.setAAD(Buffer.from(`waiver:${guestId}`));
  const ciphertext = Buffer.concat([cipher.update(pdfBuffer), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), ciphertext]);
}

function openWaiver(blob, guestId) {
  const iv = blob.subarray(0, 12);
  const tag = blob.subarray(12, 28);
  const ciphertext = blob.subarray(28);
  const decipher = crypto.createDecipheriv("aes-256-gcm", WAIVER_KEY, iv);
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
