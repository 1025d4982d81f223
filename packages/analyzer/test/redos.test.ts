import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nestedQuantifier } from '../src/rules/common/S035-redos.ts';

test('nested repetition is found where a failing match backtracks exponentially, and only there', () => {
  const catastrophic = [
    '^(a+)+$', '(\\w+\\s?)*$', '(x+x+)+y', '^(\\d+)*$', '(?i)(a+)+$', '(?P<n>\\d+)+$', '((ab)*)+c', 'foo|(x+x+)+y',
    '^([a-zA-Z0-9])(([\\-.]|[_]+)?([a-zA-Z0-9]+))*(@){1}[a-z0-9]+[.]{1}[a-z]{2,3}$',
  ];
  const safe = [
    '^(\\w+\\.)*\\w+$', '(\\s*,\\s*\\w+)*', '(?:\\d+)?', '(\\r?\\n)+', '(a|b)*', '^(?:[a-z0-9-]+\\.)+[a-z]{2,}$', '[(]+',
    '^([^/]+/)*[^/]+$', '(.*a){12}', '(\\d+)++$', '(?=a+)+$', '(?:[^\\s"]+|"[^"]*")+', '\\b([A-Z]+[a-z0-9]+)+[A-Z]+', '(a+)+',
  ];
  assert.deepEqual(catastrophic.filter((pattern) => !nestedQuantifier(pattern)), []);
  assert.deepEqual(safe.filter((pattern) => nestedQuantifier(pattern)), []);
});
