// expect: safe
import { PrismaClient } from "@prisma/client";

const prisma = globalThis.prisma || new PrismaClient();
if (process.env.NODE_ENV !== "production") globalThis.prisma = prisma;

function buildFilters({ region, skill, from }) {
  const parts = ["s.cancelled = false"];
  const values = [];
  const add = (sql, value) => {
    values.push(value);
    parts.push(sql.replace("?", `$${values.length}`));
  };
  if (typeof region === "string" && region) add("s.region = ?", region);
  if (typeof skill === "string" && skill) add("? = ANY(s.skills)", skill);
  if (typeof from === "string" && from) add("s.starts_at >= ?::timestamptz", from);
  return { where: parts.join(" AND "), values };
}

export default async function handler(req, res) {
  if (req.method !== "GET") {
    res.setHeader("Allow", "GET");
    return res.status(405).end();
  }
  const { where, values } = buildFilters(req.query);
  const shifts = await prisma.$queryRawUnsafe(
    `SELECT s.id, s.title, s.region, s.starts_at, s.slots_open
       FROM volunteer_shifts s
      WHERE ${where}
      ORDER BY s.starts_at
      LIMIT 100`,
    ...values
  );
  res.status(200).json({ shifts });
}
