// expect: S002
const { exec } = require('child_process');
module.exports = (req, res) => {
  exec(`convert ${req.query.file} out.png`, (err, out) => res.send(out));
};
