// expect: S035
const Koa = require("koa");
const bodyParser = require("koa-bodyparser");

const app = new Koa();
app.use(bodyParser());

// tags: words separated by single spaces, e.g. "node koa api"
const TAG_LINE = /^(\w+\s?)*$/;

app.use(async (ctx) => {
  if (ctx.method !== "POST" || ctx.path !== "/api/tags") {
    ctx.status = 404;
    return;
  }
  const line = String(ctx.request.body.tags || "");
  if (!TAG_LINE.test(line)) {
    ctx.status = 400;
    ctx.body = { error: "invalid tag list" };
    return;
  }
  ctx.body = { tags: line.split(" ").filter(Boolean) };
});

app.listen(3002);
