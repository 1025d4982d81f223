const https = require('https');
// ruleid: S009
const agent = new https.Agent({ rejectUnauthorized: false });
// ok: S009
const strict = new https.Agent({ rejectUnauthorized: true });
module.exports = { agent, strict };
