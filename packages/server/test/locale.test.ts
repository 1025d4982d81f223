import assert from 'node:assert/strict';
import { test } from 'node:test';
import { localeOf } from '../src/http/locale.ts';

test('Accept-Language picks the highest-weighted zh or en range', () => {
  assert.equal(localeOf(undefined), 'en');
  assert.equal(localeOf('zh-CN'), 'zh');
  assert.equal(localeOf('zh-Hans-CN,zh;q=0.9,en;q=0.8'), 'zh');
  assert.equal(localeOf('en;q=0.5, zh-TW;q=0.9'), 'zh');
  assert.equal(localeOf('fr-FR, en-GB;q=0.7, zh;q=0.3'), 'en');
  assert.equal(localeOf('zh;q=0, en'), 'en');
  assert.equal(localeOf('de, fr'), 'en');
  assert.equal(localeOf('EN-us'), 'en');
});
