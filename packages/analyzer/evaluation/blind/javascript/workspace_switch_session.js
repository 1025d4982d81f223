// expect: S032
const express = require("express");
const { Workspace } = require("./models");

const router = express.Router();

router.post("/workspaces/switch", express.json(), async (req, res, next) => {
  const { workspaceId } = req.body || {};
  if (!workspaceId) return res.status(400).json({ error: "workspaceId is required" });
  req.session.workspaceId = workspaceId;
  req.session.save(async (err) => {
    if (err) return next(err);
    const workspace = await Workspace.findByPk(req.session.workspaceId);
    res.json({ workspaceId, name: workspace ? workspace.name : null });
  });
});

router.get("/workspaces/current", async (req, res) => {
  const workspace = await Workspace.findByPk(req.session.workspaceId);
  if (!workspace) return res.sendStatus(404);
  res.json({ id: workspace.id, name: workspace.name, plan: workspace.plan });
});

module.exports = router;
