// expect: S003
import { PrismaClient } from "@prisma/client";

const prisma = globalThis.prisma || new PrismaClient();
if (process.env.NODE_ENV !== "production") globalThis.prisma = prisma;

function buildFilters({ region, skill, from }) {
  const parts = ["s.cancelled = false"];
  if (region) parts.push(`s.region = '${region}'`);
  if (skill) parts.push(`'${skill}' = ANY(s.skills)`);
  if (from) parts.push(`s.starts_at >= '${from}'`);
  return parts.join(" AND ");
}

export default async function handler(req, res) {
  if (req.method !== "GET") {
    res.setHeader("Allow", "GET");
    return res.status(405).end();
  }
  const where = buildFilters(req.query);
  const shifts = await prisma.$queryRawUnsafe(
    `SELECT s.id, s.title, s.region, s.starts_at, s.slots_open
       FROM volunteer_shifts s
      WHERE ${where}
      ORDER BY s.starts_at
      LIMIT 100`
  );
  res.status(200).json({ shifts });
}
