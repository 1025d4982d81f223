// expect: S032
const express = require("express");
const { Clinic } = require("../models");
const { requireStaff } = require("../middleware/auth");

const router = express.Router();
router.use(express.json());

router.get("/staff/active-clinic", requireStaff, async (req, res) => {
  const clinic = req.session.activeClinicId
    ? await Clinic.findByPk(req.session.activeClinicId, { attributes: ["id", "name", "timeZone"] })
    : null;
  res.json({ activeClinic: clinic });
});

router.post("/staff/active-clinic", requireStaff, async (req, res, next) => {
  try {
    const { clinicId } = req.body;
    if (clinicId === undefined || clinicId === null) {
      return res.status(400).json({ error: "clinicId is required" });
    }
    req.session.activeClinicId = clinicId;
    const clinic = await Clinic.findByPk(clinicId, { attributes: ["id", "name", "timeZone"] });
    res.json({ activeClinic: clinic });
  } catch (err) {
    next(err);
  }
});

module.exports = router;
