const ldap = require('ldapjs');

const client = ldap.createClient({ url: 'ldap://ldap.example.com' });

function lookup(req, res) {
  // ruleid: S030
  client.search('ou=people,dc=example,dc=com', { filter: `(uid=${req.query.user})`, scope: 'sub' }, (err, found) => res.send(found));
  // ruleid: S030
  client.search('ou=people,dc=example,dc=com', '(mail=' + req.body.mail + ')', () => {});
  // ok: S030
  client.search('ou=people,dc=example,dc=com', { filter: new ldap.EqualityFilter({ attribute: 'uid', value: req.query.user }) }, () => {});
  // ok: S030
  client.search('ou=people,dc=example,dc=com', { filter: '(objectClass=person)', scope: 'sub' }, () => {});
}

function searchPeople(filter, done) {
  // ruleid: S030
  client.search('ou=people,dc=example,dc=com', { scope: 'sub', filter }, done);
}

function searchStaff(done) {
  const filter = '(objectClass=person)';
  // ok: S030
  client.search('ou=people,dc=example,dc=com', { scope: 'sub', filter }, done);
}

function badgeHolders(req, res) {
  searchPeople(`(employeeNumber=${req.query.badge})`, (err, found) => res.json(found));
  searchStaff((err, found) => res.json(found));
}

module.exports = { lookup, badgeHolders };
