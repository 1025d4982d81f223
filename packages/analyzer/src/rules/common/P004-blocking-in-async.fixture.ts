import fs from 'node:fs';

export async function load(path: string): Promise<string> {
  // ruleid: P004
  const text = fs.readFileSync(path, 'utf8');
  // ok: P004
  const other = await fs.promises.readFile(path, 'utf8');
  return text + other;
}
