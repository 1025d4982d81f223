// expect: S019
const fs = require("fs/promises");
const path = require("path");

const EXPORT_ROOT = process.env.GRADEBOOK_EXPORT_ROOT || "/var/lib/gradebook/exports";
const TERM = /^\d{4}-(spring|summer|fall)$/;

async function prepareTermDir(term) {
  if (!TERM.test(term)) {
    throw new Error(`invalid term: ${term}`);
  }
  const dir = path.join(EXPORT_ROOT, term);
  await fs.mkdir(dir, { recursive: true });
  await fs.chmod(dir, 0o777);
  return dir;
}

function toCsv(rows) {
  const lines = rows.map((r) => [r.studentId, r.finalGrade, r.credits].join(","));
  return ["student_id,final_grade,credits", ...lines].join("\n") + "\n";
}

async function writeSectionExport(term, sectionId, rows) {
  const dir = await prepareTermDir(term);
  const file = path.join(dir, `section-${Number.parseInt(sectionId, 10)}.csv`);
  await fs.writeFile(file, toCsv(rows));
  return file;
}

module.exports = { writeSectionExport };
