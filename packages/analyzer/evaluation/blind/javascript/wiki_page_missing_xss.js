// expect: S011
import { Pool } from "pg";

const pool = new Pool({ connectionString: process.env.WIKI_DATABASE_URL, max: 5 });

async function findPage(slug) {
  const { rows } = await pool.query(
    "select slug, title, body_html, updated_at from wiki_pages where slug = $1 and deleted_at is null",
    [slug]
  );
  return rows[0] || null;
}

function layout(title, content) {
  return `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><title>${title} · Team Wiki</title></head>
  <body><main class="wiki">${content}</main></body>
</html>`;
}

export default async function handler(req, res) {
  if (req.method !== "GET") {
    res.setHeader("Allow", "GET");
    return res.status(405).json({ error: "method not allowed" });
  }
  const { slug } = req.query;
  const page = await findPage(String(slug));
  if (page) {
    return res.status(200).json(page);
  }
  const body = `<h1>Page not found</h1>
    <p>There is no page called <strong>${slug}</strong> yet.</p>
    <p><a href="/wiki/new">Create a new page</a></p>`;
  res.setHeader("Content-Type", "text/html; charset=utf-8");
  return res.status(404).send(layout("Not found", body));
}
