// expect: safe
const Router = require("@koa/router");
const crypto = require("crypto");

const router = new Router({ prefix: "/operator" });
const SESSION_MAX_AGE = 8 * 60 * 60 * 1000;
const COOKIE_OPTIONS = { httpOnly: true, secure: true, sameSite: "strict", overwrite: true };

router.post("/login", async (ctx) => {
  const { username, password, otp } = ctx.request.body || {};
  const operator = await ctx.state.auth.verify(username, password, otp);
  if (!operator) {
    ctx.status = 401;
    ctx.body = { error: "invalid credentials" };
    return;
  }
  const sessionId = crypto.randomBytes(32).toString("hex");
  await ctx.state.sessions.create(sessionId, operator.id, SESSION_MAX_AGE);
  ctx.cookies.set("grid_op_session", sessionId, { ...COOKIE_OPTIONS, maxAge: SESSION_MAX_AGE });
  ctx.body = { operator: operator.name, controlRoom: operator.controlRoom };
});

router.post("/logout", async (ctx) => {
  const sessionId = ctx.cookies.get("grid_op_session");
  if (sessionId) {
    await ctx.state.sessions.destroy(sessionId);
  }
  ctx.cookies.set("grid_op_session", null, COOKIE_OPTIONS);
  ctx.status = 204;
});

module.exports = router;
