// The toolchain checks must be able to fail, or the template test proves nothing.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { test } from 'node:test';
import { checkProject, hasCommand, writeProject } from './toolchain.ts';

const BROKEN: { path: string; content: string }[] = [
  { path: 'app/main.py', content: 'def broken(:\n    pass\n' },
  { path: 'src/cli.js', content: 'export function (\n' },
  { path: 'src/App.tsx', content: 'export const App = () => <main><p>unclosed</main>;\n' },
  { path: 'src/env.d.ts', content: 'declare const x: ;\n' },
  { path: 'src/App.vue', content: '<script setup lang="ts">\nconst = 1;\n</script>\n<template><p /></template>\n' },
  { path: 'package.json', content: '{ "name": "x", }' },
  { path: 'docker-compose.yml', content: 'services:\n  api:\n    ports: [1\n' },
  { path: 'pyproject.toml', content: '[project\nname = 1\n' },
  { path: 'main.go', content: 'package main\nfunc main() {\nprintln("x")\n}\n' },
];

test('each kind of broken file is reported', () => {
  const root = writeProject(BROKEN);
  try {
    const { problems } = checkProject(root, BROKEN);
    const expected = BROKEN.filter((f) => !f.path.endsWith('.go') || hasCommand('gofmt')).map((f) => f.path);
    for (const path of expected) {
      assert.ok(problems.some((p) => p.includes(path)), `${path} not reported in:\n${problems.join('\n')}`);
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('well-formed files pass', () => {
  const files = [
    { path: 'a.py', content: 'x = 1\n' },
    { path: 'a.tsx', content: 'export const A = () => <p>a</p>;\n' },
    { path: 'a.json', content: '{"a": 1}' },
    { path: 'a.yml', content: 'a: [1, 2]\n' },
  ];
  const root = writeProject(files);
  try {
    assert.deepEqual(checkProject(root, files).problems, []);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
