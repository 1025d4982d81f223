// expect: safe
const express = require("express");
const fs = require("fs");
const path = require("path");

const EXPORT_ROOT = path.resolve(process.env.EXPORT_ROOT || "/var/app/exports");
const router = express.Router();

function exportPath(accountId, name) {
  const accountDir = path.resolve(EXPORT_ROOT, String(accountId));
  const candidate = path.resolve(accountDir, name);
  if (!candidate.startsWith(accountDir + path.sep)) return null;
  return candidate;
}

router.get("/exports/download", (req, res) => {
  const name = String(req.query.name || "");
  if (!name.endsWith(".csv")) return res.status(400).send("Only CSV exports can be downloaded");
  const filePath = exportPath(req.user.accountId, name);
  if (!filePath) return res.sendStatus(404);
  fs.stat(filePath, (err, stats) => {
    if (err || !stats.isFile()) return res.sendStatus(404);
    res.setHeader("Content-Type", "text/csv; charset=utf-8");
    res.setHeader("Content-Disposition", `attachment; filename="${path.basename(filePath)}"`);
    fs.createReadStream(filePath).pipe(res);
  });
});

module.exports = router;
