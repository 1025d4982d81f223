const fs = require('fs');
const path = require('path');

const THEMES = ['light', 'dark'];

function themeFile(name) {
  return path.join('/srv/themes', `${name}.css`);
}

function handler(req, res) {
  // ruleid: S012
  const data = fs.readFileSync('/srv/files/' + req.query.name);
  // ok: S012
  const conf = fs.readFileSync('/etc/app/config.json');
  res.send(data + conf);
}

function theme(req, res) {
  const name = req.query.theme;
  // ruleid: S012
  const unchecked = fs.readFileSync(themeFile(name));
  if (!THEMES.includes(name)) {
    return res.status(404).end();
  }
  // ok: S012
  res.send(unchecked + fs.readFileSync(themeFile(name)));
}

function attachment(req, res) {
  const root = path.resolve('/srv/attachments');
  const target = path.resolve(root, req.params.file);
  if (!target.startsWith('/')) {
    return res.status(400).end();
  }
  // ruleid: S012
  const unchecked = fs.readFileSync(target);
  if (!target.startsWith(root + path.sep)) {
    return res.status(400).end();
  }
  // ok: S012
  return res.send(unchecked + fs.readFileSync(target));
}

function exportFile(req, res) {
  const filePath = path.join('/srv/exports', String(req.query.name || ''));
  const fixed = path.join('/srv/exports', 'latest.csv');
  fs.stat(filePath, (err) => {
    if (err) return res.sendStatus(404);
    // ruleid: S012
    fs.createReadStream(filePath).pipe(res);
    // ok: S012
    return fs.createReadStream(fixed);
  });
}

// ok: S012
const script = fs.readFileSync(process.argv[2], 'utf8');

module.exports = { handler, theme, attachment, exportFile, script };
