// expect: S012
const express = require("express");
const fs = require("fs");
const path = require("path");

const app = express();
const ATTACHMENTS = path.join(__dirname, "storage", "attachments");

app.get("/tickets/:id/attachments/:file", (req, res) => {
  const ticketDir = path.join(ATTACHMENTS, String(Number(req.params.id)));
  const filePath = path.join(ticketDir, req.params.file);
  fs.readFile(filePath, (err, data) => {
    if (err) return res.status(404).send("not found");
    res.set("Content-Disposition", "attachment");
    res.send(data);
  });
});

app.listen(3000);
