// expect: S002
const express = require("express");
const { exec } = require("child_process");

const app = express();
const REPO_DIR = "/srv/git/monorepo";

function commitsBy(author, cb) {
  const cmd = "git log --oneline -n 50 --author=" + author;
  exec(cmd, { cwd: REPO_DIR, timeout: 10000 }, (err, stdout) => {
    if (err) return cb(err);
    cb(null, stdout.trim().split("\n").filter(Boolean));
  });
}

app.get("/api/commits", (req, res) => {
  const author = req.query.author || "";
  commitsBy(author, (err, lines) => {
    if (err) return res.status(500).json({ error: "git failed" });
    res.json({ commits: lines });
  });
});

app.listen(8080);
