// expect: S012
const express = require("express");
const fs = require("fs/promises");
const path = require("path");

const router = express.Router();
const MATERIALS_ROOT = path.resolve(process.env.MATERIALS_ROOT || "/srv/lms/materials");
const COURSE_CODE = /^[A-Z]{3,4}\d{3}$/;

async function loadMaterial(courseCode, file) {
  const fullPath = path.join(MATERIALS_ROOT, courseCode, file);
  const data = await fs.readFile(fullPath);
  return { data, name: path.basename(fullPath) };
}

router.get("/courses/:courseCode/materials", async (req, res, next) => {
  const { courseCode } = req.params;
  const { file } = req.query;
  if (!COURSE_CODE.test(courseCode) || typeof file !== "string" || !file) {
    return res.status(400).send("course code and file are required");
  }
  if (!req.user || !req.user.enrolments.includes(courseCode)) {
    return res.status(403).send("not enrolled");
  }
  try {
    const { data, name } = await loadMaterial(courseCode, file);
    res.attachment(name).send(data);
  } catch (err) {
    if (err.code === "ENOENT" || err.code === "EISDIR") {
      return res.status(404).send("not found");
    }
    next(err);
  }
});

module.exports = router;
