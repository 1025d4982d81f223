const fs = require('fs');
function handler(req, res) {
  // ruleid: S012
  const data = fs.readFileSync('/srv/files/' + req.query.name);
  // ok: S012
  const conf = fs.readFileSync('/etc/app/config.json');
  res.send(data + conf);
}
module.exports = handler;
