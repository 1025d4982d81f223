// expect: S028
const Router = require("@koa/router");
const crypto = require("crypto");

const router = new Router({ prefix: "/operator" });
const SESSION_MAX_AGE = 8 * 60 * 60 * 1000;

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
  ctx.cookies.set("grid_op_session", sessionId, {
    maxAge: SESSION_MAX_AGE,
    httpOnly: false,
    sameSite: "lax",
    overwrite: true,
  });
  ctx.body = { operator: operator.name, controlRoom: operator.controlRoom };
});

router.post("/logout", async (ctx) => {
  const sessionId = ctx.cookies.get("grid_op_session");
  if (sessionId) {
    await ctx.state.sessions.destroy(sessionId);
  }
  ctx.cookies.set("grid_op_session", null);
  ctx.status = 204;
});

module.exports = router;
