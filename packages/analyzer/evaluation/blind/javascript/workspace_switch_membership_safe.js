// expect: safe
const express = require("express");
const { Membership, Workspace } = require("./models");

const router = express.Router();

router.post("/workspaces/switch", express.json(), async (req, res, next) => {
  const requested = Number.parseInt(req.body && req.body.workspaceId, 10);
  if (!Number.isSafeInteger(requested)) return res.status(400).json({ error: "workspaceId is required" });
  const membership = await Membership.findOne({
    where: { userId: req.session.userId, workspaceId: requested },
    include: [Workspace],
  });
  if (!membership) return res.status(403).json({ error: "not a member of that workspace" });
  req.session.workspaceId = membership.workspaceId;
  req.session.save((err) => {
    if (err) return next(err);
    res.json({ workspaceId: membership.workspaceId, name: membership.Workspace.name });
  });
});

router.get("/workspaces/current", async (req, res) => {
  const workspace = await Workspace.findByPk(req.session.workspaceId);
  if (!workspace) return res.sendStatus(404);
  res.json({ id: workspace.id, name: workspace.name, plan: workspace.plan });
});

module.exports = router;
