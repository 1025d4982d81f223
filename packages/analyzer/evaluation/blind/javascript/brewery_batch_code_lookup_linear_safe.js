// expect: safe
const express = require("express");
const { Batch } = require("../models");

const router = express.Router();

const BATCH_CODE = /^[A-Z0-9]+(?:-[A-Z0-9]+)*$/;
const MAX_CODE_LENGTH = 40;

function normalise(code) {
  return String(code || "").trim().toUpperCase();
}

router.get("/batches/lookup", async (req, res, next) => {
  const code = normalise(req.query.code);
  if (code.length > MAX_CODE_LENGTH || !BATCH_CODE.test(code)) {
    return res.status(400).json({ error: "batch codes look like IPA-2024-117" });
  }
  try {
    const batch = await Batch.findOne({
      where: { code },
      attributes: ["code", "style", "brewedOn", "packagedOn", "abv", "tank"],
    });
    if (!batch) return res.status(404).json({ error: "unknown batch" });
    res.json(batch);
  } catch (err) {
    next(err);
  }
});

module.exports = router;
