// expect: S012
const express = require("express");
const fs = require("fs");
const path = require("path");

const EXPORT_ROOT = process.env.EXPORT_ROOT || "/var/app/exports";
const router = express.Router();

function exportPath(accountId, name) {
  return path.join(EXPORT_ROOT, String(accountId), name);
}

router.get("/exports/download", (req, res) => {
  const name = String(req.query.name || "");
  if (!name.endsWith(".csv")) return res.status(400).send("Only CSV exports can be downloaded");
  const filePath = exportPath(req.user.accountId, name);
  fs.stat(filePath, (err, stats) => {
    if (err || !stats.isFile()) return res.sendStatus(404);
    res.setHeader("Content-Type", "text/csv; charset=utf-8");
    res.setHeader("Content-Disposition", `attachment; filename="${path.basename(filePath)}"`);
    fs.createReadStream(filePath).pipe(res);
  });
});

module.exports = router;
