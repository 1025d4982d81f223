const crypto = require('crypto');
// ruleid: S006
const a = crypto.createHash('md5').update('x').digest('hex');
// ok: S006
const b = crypto.createHash('sha256').update('x').digest('hex');
module.exports = { a, b };
