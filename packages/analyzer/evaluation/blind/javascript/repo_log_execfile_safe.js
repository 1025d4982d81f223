// expect: safe
const express = require("express");
const { execFile, exec } = require("child_process");

const app = express();
const REPO_DIR = "/srv/git/monorepo";

function commitsBy(author, cb) {
  const args = ["log", "--oneline", "-n", "50", `--author=${author}`];
  execFile("git", args, { cwd: REPO_DIR, timeout: 10000 }, (err, stdout) => {
    if (err) return cb(err);
    cb(null, stdout.trim().split("\n").filter(Boolean));
  });
}

app.get("/api/commits", (req, res) => {
  commitsBy(String(req.query.author || ""), (err, lines) => {
    if (err) return res.status(500).json({ error: "git failed" });
    res.json({ commits: lines });
  });
});

app.get("/api/head", (req, res) => {
  exec("git rev-parse HEAD", { cwd: REPO_DIR }, (err, stdout) => {
    if (err) return res.status(500).end();
    res.json({ head: stdout.trim() });
  });
});

app.listen(8080);
