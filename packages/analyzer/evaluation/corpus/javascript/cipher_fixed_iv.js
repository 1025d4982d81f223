// expect: S036
const crypto = require('crypto');

const IV = Buffer.from('a1b2c3d4e5f60718293a4b5c6d7e8f90', 'hex');

function encryptToken(token) {
  const key = crypto.scryptSync(process.env.TOKEN_SECRET, 'salt', 32);
  const cipher = crypto.createCipheriv('aes-256-cbc', key, IV);
  return Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]).toString('base64');
}

module.exports = { encryptToken };
