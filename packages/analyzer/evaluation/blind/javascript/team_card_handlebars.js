// expect: S027
const express = require("express");
const Handlebars = require("handlebars");
const { Member } = require("./models");

const router = express.Router();

const card = Handlebars.compile(`
  <div class="member-card">
    <img src="{{avatarUrl}}" alt="{{name}}">
    <h4>{{name}}</h4>
    <p class="role">{{role}}</p>
    <div class="about">{{{about}}}</div>
  </div>`);

router.get("/team/:memberId/card", async (req, res, next) => {
  try {
    const member = await Member.findByPk(Number.parseInt(req.params.memberId, 10));
    if (!member) return res.sendStatus(404);
    res.type("html").send(
      card({ name: member.name, role: member.role, avatarUrl: member.avatarUrl, about: member.about })
    );
  } catch (err) {
    next(err);
  }
});

module.exports = router;
