// expect: safe
const express = require("express");

const router = express.Router();
const PUBLIC_FIELDS = { caseNumber: 1, matter: 1, status: 1, nextHearing: 1, assignedSolicitor: 1, _id: 0 };
const CASE_NUMBER = /^[A-Z]{2}-\d{4}-\d{5}$/;

router.post("/client-portal/case", express.json(), async (req, res, next) => {
  const { caseNumber, accessCode } = req.body || {};
  if (typeof caseNumber !== "string" || typeof accessCode !== "string" || !CASE_NUMBER.test(caseNumber)) {
    return res.status(400).json({ error: "caseNumber and accessCode are required" });
  }
  try {
    const cases = req.app.locals.db.collection("cases");
    const found = await cases.findOne(
      { caseNumber: { $eq: caseNumber }, clientAccessCode: { $eq: accessCode }, archived: { $ne: true } },
      { projection: PUBLIC_FIELDS }
    );
    if (!found) {
      return res.status(404).json({ error: "no matching case" });
    }
    res.json(found);
  } catch (err) {
    next(err);
  }
});

module.exports = router;
