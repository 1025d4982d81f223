// expect: S030
const express = require('express');
const ldap = require('ldapjs');

const app = express();
const client = ldap.createClient({ url: 'ldaps://ldap.example.com' });

app.get('/people', (req, res) => {
  const opts = { scope: 'sub', attributes: ['cn', 'mail'], filter: `(&(objectClass=person)(cn=${req.query.name}))` };
  client.search('ou=people,dc=example,dc=com', opts, (err, search) => {
    if (err) return res.status(500).end();
    const people = [];
    search.on('searchEntry', (entry) => people.push(entry.pojo));
    search.on('end', () => res.json(people));
  });
});
