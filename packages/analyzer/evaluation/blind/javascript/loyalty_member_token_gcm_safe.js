// expect: safe
const crypto = require("crypto");

const ALGORITHM = "aes-256-gcm";
const IV_LENGTH = 12;
const TAG_LENGTH = 16;

function loadKey() {
  const key = Buffer.from(process.env.LOYALTY_TOKEN_KEY || "", "base64");
  if (key.length !== 32) {
    throw new Error("LOYALTY_TOKEN_KEY must be 32 bytes (base64)");
  }
  return key;
}

class MemberTokenCodec {
  constructor(key = loadKey()) {
    this.key = key;
  }

  encode({ memberId, tier, points }) {
    const iv = crypto.randomBytes(IV_LENGTH);
    const cipher = crypto.createCipheriv(ALGORITHM, this.key, iv);
    const payload = JSON.stringify({ m: memberId, t: tier, p: points, ts: Date.now() });
    const body = Buffer.concat([cipher.update(payload, "utf8"), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url");
  }

  decode(token) {
    const raw = Buffer.from(token, "base64url");
    const iv = raw.subarray(0, IV_LENGTH);
    const tag = raw.subarray(IV_LENGTH, IV_LENGTH + TAG_LENGTH);
    const decipher = crypto.createDecipheriv(ALGORITHM, this.key, iv);
    decipher.setAuthTag(tag);
    const plain = Buffer.concat([decipher.update(raw.subarray(IV_LENGTH + TAG_LENGTH)), decipher.final()]);
    const { m, t, p, ts } = JSON.parse(plain.toString("utf8"));
    return { memberId: m, tier: t, points: p, issuedAt: new Date(ts) };
  }
}

module.exports = { MemberTokenCodec };
