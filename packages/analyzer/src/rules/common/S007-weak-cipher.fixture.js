const crypto = require('crypto');
function enc(key, iv) {
  // ruleid: S007
  const a = crypto.createCipheriv('des-ede3-cbc', key, iv);
  // ok: S007
  const b = crypto.createCipheriv('aes-256-gcm', key, iv);
  return [a, b];
}
module.exports = enc;
