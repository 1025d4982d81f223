// expect: S019
const fs = require("fs");
const path = require("path");

const root = process.argv[2] || "/var/www/app";
const dirs = ["uploads", "uploads/tmp", "logs"];

for (const rel of dirs) {
  const dir = path.join(root, rel);
  fs.mkdirSync(dir, { recursive: true });
}

const uploads = path.join(root, "uploads");
fs.chmodSync(uploads, 0o777);
fs.chmodSync(path.join(root, "logs"), 0o750);

console.log(`prepared ${dirs.length} directories under ${root}`);
