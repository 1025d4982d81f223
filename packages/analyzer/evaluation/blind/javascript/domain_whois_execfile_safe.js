// expect: safe
const express = require("express");
const { execFile } = require("child_process");
const { promisify } = require("util");

const execFileAsync = promisify(execFile);
const router = express.Router();
const DOMAIN_CHARS = /^[a-z0-9.-]{3,253}$/;

function normaliseDomain(input) {
  const domain = String(input || "").trim().toLowerCase();
  if (!DOMAIN_CHARS.test(domain) || !domain.includes(".")) return null;
  if (domain.startsWith("-") || domain.startsWith(".") || domain.includes("..")) return null;
  return domain;
}

async function whois(domain) {
  const { stdout } = await execFileAsync("whois", [domain], { timeout: 10000, maxBuffer: 1024 * 1024 });
  return stdout;
}

function parseExpiry(text) {
  const match = text.match(/(?:Registry Expiry Date|Expiration Date|paid-till):\s*(\S+)/i);
  return match ? match[1] : null;
}

router.get("/domains/:domain/expiry", async (req, res) => {
  const domain = normaliseDomain(req.params.domain);
  if (!domain) {
    return res.status(400).json({ error: "expected a fully qualified domain" });
  }
  try {
    const raw = await whois(domain);
    const expiresAt = parseExpiry(raw);
    const daysLeft = expiresAt ? Math.floor((Date.parse(expiresAt) - Date.now()) / 86400000) : null;
    return res.json({ domain, expiresAt, daysLeft });
  } catch (err) {
    return res.status(502).json({ error: "whois lookup failed" });
  }
});

module.exports = router;
