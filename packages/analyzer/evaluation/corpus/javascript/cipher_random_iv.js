// expect: safe
const crypto = require('crypto');

function encryptToken(token) {
  const key = Buffer.from(process.env.TOKEN_KEY, 'base64');
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

module.exports = { encryptToken };
