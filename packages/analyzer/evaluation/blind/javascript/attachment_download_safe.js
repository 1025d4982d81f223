// expect: safe
const express = require("express");
const fs = require("fs");
const path = require("path");

const app = express();
const ATTACHMENTS = path.resolve(__dirname, "storage", "attachments");

app.get("/tickets/:id/attachments/:file", (req, res) => {
  const ticketDir = path.join(ATTACHMENTS, String(Number(req.params.id)));
  const filePath = path.resolve(ticketDir, req.params.file);
  if (!filePath.startsWith(ticketDir + path.sep)) {
    return res.status(400).send("bad path");
  }
  fs.readFile(filePath, (err, data) => {
    if (err) return res.status(404).send("not found");
    res.set("Content-Disposition", "attachment");
    res.send(data);
  });
});

app.get("/docs/:page", (req, res) => {
  res.sendFile(path.basename(req.params.page), { root: path.join(__dirname, "docs") });
});

app.listen(3000);
