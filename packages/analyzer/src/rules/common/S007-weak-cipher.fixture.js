const crypto = require('crypto');
const LEGACY_ALGORITHM = 'des-ede3-cbc';
const MODERN_ALGORITHM = 'aes-256-gcm';
function enc(key, iv) {
  // ruleid: S007
  const a = crypto.createCipheriv('des-ede3-cbc', key, iv);
  // ok: S007
  const b = crypto.createCipheriv('aes-256-gcm', key, iv);
  // ruleid: S007
  const c = crypto.createDecipheriv(LEGACY_ALGORITHM, key, iv);
  // ok: S007
  const d = crypto.createCipheriv(MODERN_ALGORITHM, key, iv);
  return [a, b, c, d];
}
module.exports = enc;
