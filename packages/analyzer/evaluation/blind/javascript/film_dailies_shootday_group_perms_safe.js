// expect: safe
const fs = require("fs");
const path = require("path");

const DAILIES_ROOT = process.env.DAILIES_ROOT || "/mnt/post/dailies";
const SUBFOLDERS = ["camera_original", "sound", "proxies", "reports"];

function slugify(title) {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
}

function prepareShootDay(production, shootDay) {
  const day = Number.parseInt(shootDay, 10);
  if (!Number.isInteger(day) || day < 1 || day > 999) {
    throw new RangeError("shoot day must be between 1 and 999");
  }
  const dayDir = path.join(DAILIES_ROOT, slugify(production.title), `day-${String(day).padStart(3, "0")}`);

  for (const sub of SUBFOLDERS) {
    const dir = path.join(dayDir, sub);
    fs.mkdirSync(dir, { recursive: true });
    fs.chmodSync(dir, 0o770);
  }
  fs.writeFileSync(
    path.join(dayDir, "manifest.json"),
    JSON.stringify({ production: production.id, day, createdAt: new Date().toISOString() }, null, 2),
    { mode: 0o640 }
  );
  return dayDir;
}

module.exports = { prepareShootDay };
