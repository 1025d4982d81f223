// expect: safe
const express = require("express");
const ldap = require("ldapjs");

const router = express.Router();
const BASE_DN = process.env.LDAP_BASE_DN || "ou=people,dc=hr,dc=example,dc=com";
const ATTRIBUTES = ["cn", "mail", "title", "departmentNumber", "employeeNumber"];

function escapeFilterValue(value) {
  return String(value).replace(/[\\*()\0]/g, (ch) => "\\" + ch.charCodeAt(0).toString(16).padStart(2, "0"));
}

function searchDirectory(filter) {
  return new Promise((resolve, reject) => {
    const client = ldap.createClient({ url: process.env.LDAP_URL });
    client.bind(process.env.LDAP_BIND_DN, process.env.LDAP_BIND_PASSWORD, (bindErr) => {
      if (bindErr) {
        client.unbind();
        return reject(bindErr);
      }
      client.search(BASE_DN, { scope: "sub", filter, attributes: ATTRIBUTES, sizeLimit: 25 }, (err, res) => {
        if (err) {
          client.unbind();
          return reject(err);
        }
        const entries = [];
        res.on("searchEntry", (entry) => entries.push(entry.pojo));
        res.on("error", (e) => { client.unbind(); reject(e); });
        res.on("end", () => { client.unbind(); resolve(entries); });
      });
    });
  });
}

router.get("/directory/badge-holders", async (req, res, next) => {
  const { badge = "", surname = "" } = req.query;
  if (!badge && !surname) {
    return res.status(400).json({ error: "badge or surname is required" });
  }
  const filter = `(&(objectClass=person)(|(employeeNumber=${escapeFilterValue(badge)})(sn=${escapeFilterValue(surname)})))`;
  try {
    res.json({ results: await searchDirectory(filter) });
  } catch (err) {
    next(err);
  }
});

module.exports = router;
