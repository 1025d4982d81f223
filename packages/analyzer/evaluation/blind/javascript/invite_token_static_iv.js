// expect: S036
const crypto = require("crypto");

const KEY = Buffer.from(process.env.INVITE_KEY_HEX || "", "hex");
const IV = Buffer.from("4f1c9a7e2b3d8c60a5e7f9b1c3d5e7f9", "hex");

function sealInvite(payload) {
  const cipher = crypto.createCipheriv("aes-256-cbc", KEY, IV);
  const json = JSON.stringify({ ...payload, exp: Date.now() + 7 * 24 * 3600 * 1000 });
  return Buffer.concat([cipher.update(json, "utf8"), cipher.final()]).toString("base64url");
}

function openInvite(token) {
  const decipher = crypto.createDecipheriv("aes-256-cbc", KEY, IV);
  const json = Buffer.concat([decipher.update(Buffer.from(token, "base64url")), decipher.final()]).toString("utf8");
  const invite = JSON.parse(json);
  if (invite.exp < Date.now()) throw new Error("invite expired");
  return invite;
}

module.exports = { sealInvite, openInvite };
