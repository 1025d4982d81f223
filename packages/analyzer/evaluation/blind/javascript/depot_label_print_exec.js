// expect: S002
const express = require("express");
const path = require("path");
const { exec } = require("child_process");

const router = express.Router();
const LABEL_DIR = process.env.LABEL_SPOOL_DIR || "/var/spool/depot-labels";

function printLabel({ printer = "dock-1", copies = 1, labelFile }, callback) {
  const file = path.join(LABEL_DIR, path.basename(String(labelFile)));
  exec(`lp -d ${printer} -n ${copies} "${file}"`, { timeout: 15000 }, callback);
}

router.post("/labels/print", express.json(), (req, res) => {
  if (!req.body || !req.body.labelFile) {
    return res.status(400).json({ error: "labelFile is required" });
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
