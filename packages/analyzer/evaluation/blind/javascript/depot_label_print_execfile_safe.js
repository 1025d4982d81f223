// expect: safe
const express = require("express");
const path = require("path");
const { execFile } = require("child_process");

const router = express.Router();
const LABEL_DIR = process.env.LABEL_SPOOL_DIR || "/var/spool/depot-labels";
const PRINTERS = new Set(["dock-1", "dock-2", "returns", "cold-store"]);
const LABEL_NAME = /^[A-Za-z0-9_-]{1,64}\.zpl$/;

function printLabel({ printer = "dock-1", copies = 1, labelFile }, callback) {
  const count = Math.min(Math.max(parseInt(copies, 10) || 1, 1), 20);
  const file = path.join(LABEL_DIR, labelFile);
  execFile("lp", ["-d", printer, "-n", String(count), "--", file], { timeout: 15000 }, callback);
}

router.post("/labels/print", express.json(), (req, res) => {
  const { printer = "dock-1", labelFile } = req.body || {};
  if (typeof labelFile !== "string" || !LABEL_NAME.test(labelFile)) {
    return res.status(400).json({ error: "labelFile must be a .zpl file name" });
  }
  if (!PRINTERS.has(printer)) {
    return res.status(400).json({ error: "unknown printer" });
  }
  printLabel(req.body, (err, stdout) => {
    if (err) {
      return res.status(502).json({ error: "print failed" });
    }
    const job = /request id is (\S+)/.exec(stdout);
    res.json({ queued: true, job: job ? job[1] : null });
  });
});

module.exports = router;
