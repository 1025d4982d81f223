import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import test from 'node:test';
import { listRules, SUPPORTED_LANGUAGES } from '../src/index.ts';

test('the README rule table lists every rule with its title, category, severity, CWE, languages and fix', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const rows = readme.split('\n').filter((line) => /^\| [EPQS]\d{3} \|/.test(line));
  const expected = listRules().map((rule) => {
    const languages = rule.languages === 'all' || SUPPORTED_LANGUAGES.every((language) => rule.languages.includes(language)) ? 'all' : rule.languages.join(', ');
    return `| ${rule.id} | ${rule.title} | ${rule.category} | ${rule.severity} | ${rule.cwe ?? '—'} | ${languages} | ${rule.fix ? 'yes' : ''} |`;
  });
  assert.deepEqual(rows, expected);
});
