// expect: S002
const express = require("express");
const { exec } = require("child_process");
const { promisify } = require("util");

const execAsync = promisify(exec);
const router = express.Router();

async function whois(domain) {
  const { stdout } = await execAsync(`whois ${domain}`, { timeout: 10000, maxBuffer: 1024 * 1024 });
  return stdout;
}

function parseExpiry(text) {
  const match = text.match(/(?:Registry Expiry Date|Expiration Date|paid-till):\s*(\S+)/i);
  return match ? match[1] : null;
}

router.get("/domains/:domain/expiry", async (req, res) => {
  const domain = req.params.domain.trim().toLowerCase();
  if (!domain.includes(".") || domain.length > 253) {
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
