const xpath = require('xpath');
const { DOMParser } = require('@xmldom/xmldom');

function findUser(req, res, xml) {
  const doc = new DOMParser().parseFromString(xml, 'text/xml');
  // ruleid: S031
  const nodes = xpath.select(`//user[@name='${req.query.name}']`, doc);
  // ok: S031
  const all = xpath.select('//user', doc);
  // ok: S031
  const bound = xpath.parse('//user[@name=$name]').select({ node: doc, variables: { name: req.query.name } });
  res.send([nodes.length, all.length, bound.length]);
}

module.exports = { findUser };
