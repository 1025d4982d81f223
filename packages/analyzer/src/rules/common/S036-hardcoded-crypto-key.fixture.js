const crypto = require('crypto');

const KEY = Buffer.from('8f2a6c1e9b7d4f3a0c5e8b1d6a9f2c7e', 'hex');

function encrypt(text, secretFromVault) {
  // ruleid: S036
  const fixedIv = crypto.createCipheriv('aes-256-cbc', secretFromVault, 'abcdefghijklmnop');
  // ruleid: S036
  const fixedKey = crypto.createCipheriv('aes-128-cbc', KEY, crypto.randomBytes(16));
  // ruleid: S036
  const zeroIv = crypto.createCipheriv('aes-256-cbc', secretFromVault, Buffer.alloc(16));
  // ok: S036
  const iv = crypto.randomBytes(16);
  // ok: S036
  const cipher = crypto.createCipheriv('aes-256-gcm', Buffer.from(process.env.DATA_KEY, 'base64'), iv);
  return [fixedIv, fixedKey, zeroIv, cipher].map((c) => c.update(text, 'utf8', 'hex'));
}

module.exports = { encrypt };
