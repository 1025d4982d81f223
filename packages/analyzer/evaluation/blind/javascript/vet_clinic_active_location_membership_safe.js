// expect: safe
const express = require("express");
const { Clinic, StaffAssignment } = require("../models");
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
    const clinicId = Number.parseInt(req.body.clinicId, 10);
    if (!Number.isInteger(clinicId)) {
      return res.status(400).json({ error: "clinicId is required" });
    }
    const assignment = await StaffAssignment.findOne({
      where: { staffId: req.user.id, clinicId, active: true },
      include: [{ model: Clinic, attributes: ["id", "name", "timeZone"] }],
    });
    if (!assignment) {
      return res.status(403).json({ error: "you are not assigned to that clinic" });
    }
    req.session.activeClinicId = assignment.Clinic.id;
    res.json({ activeClinic: assignment.Clinic });
  } catch (err) {
    next(err);
  }
});

module.exports = router;
