// expect: S012
const fs = require('fs');
module.exports = (req, res) => {
  res.send(fs.readFileSync(`/uploads/${req.params.name}`));
};
