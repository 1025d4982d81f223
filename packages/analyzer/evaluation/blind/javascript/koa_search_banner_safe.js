// expect: safe
const Koa = require("koa");
const Router = require("@koa/router");
const escapeHtml = require("escape-html");
const { searchArticles } = require("./search");

const app = new Koa();
const router = new Router();

function resultList(articles) {
  return articles
    .map((a) => `<li><a href="/articles/${encodeURIComponent(a.slug)}">${escapeHtml(a.title)}</a></li>`)
    .join("");
}

router.get("/search", async (ctx) => {
  const q = String(ctx.query.q || "").trim();
  const articles = q ? await searchArticles(q, { limit: 25 }) : [];
  const shown = escapeHtml(q);
  ctx.type = "html";
  ctx.body = `
    <section class="results">
      <h2>${articles.length} results for ${shown}</h2>
      <ul>${resultList(articles)}</ul>
    </section>`;
});

app.use(router.routes()).use(router.allowedMethods());

module.exports = app;
