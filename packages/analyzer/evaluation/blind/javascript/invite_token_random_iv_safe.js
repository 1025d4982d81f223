// expect: safe
const crypto = require("crypto");

const KEY = Buffer.from(process.env.INVITE_KEY_HEX || "", "hex");
const IV_BYTES = 12;
const TAG_BYTES = 16;

function sealInvite(payload) {
  const iv = crypto.randomBytes(IV_BYTES);
  const cipher = crypto.createCipheriv("aes-256-gcm", KEY, iv);
  const json = JSON.stringify({ ...payload, exp: Date.now() + 7 * 24 * 3600 * 1000 });
  const body = Buffer.concat([cipher.update(json, "utf8"), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url");
}

function openInvite(token) {
  const raw = Buffer.from(token, "base64url");
  const decipher = crypto.createDecipheriv("aes-256-gcm", KEY, raw.subarray(0, IV_BYTES));
  decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  const json = Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString("utf8");
  const invite = JSON.parse(json);
  if (invite.exp < Date.now()) throw new Error("invite expired");
  return invite;
}

module.exports = { sealInvite, openInvite };
