import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { shebangEnv } from './shebang-env.js';

const here = fileURLToPath(import.meta.url);
// main.ts under tsx, main.js under dist/.
const cliMain = path.join(path.dirname(here), `main${path.extname(here)}`);

function withFile<T>(content: string, fn: (file: string) => T): T {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dossier-shebang-'));
  try {
    const file = path.join(dir, 'bin.mjs');
    writeFileSync(file, content);
    return fn(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('the dossier bin limits glibc to two malloc arenas', () => {
  assert.deepEqual(shebangEnv(cliMain), { MALLOC_ARENA_MAX: '2' });
});

test('shebangEnv reads env -S assignments and nothing from other shebangs', () => {
  const cases: Array<[string, Record<string, string>]> = [
    ['#!/usr/bin/env node\n', {}],
    ['#!/usr/bin/env -S node --max-old-space-size=100\n', {}],
    ['#!/usr/bin/env -S A=1 B=two node --flag\nconsole.log(1)\n', { A: '1', B: 'two' }],
    ['#!/usr/bin/env -S A=1 deno\n', {}],
    ['console.log("no shebang")\n', {}],
  ];
  for (const [content, want] of cases) assert.deepEqual(withFile(content, shebangEnv), want, content);
});

test('the kernel runs the bin line with its environment', {
  skip: process.platform === 'win32' ? 'no shebangs on Windows (npm shims parse env -S)' : false,
}, () => {
  const line = readFileSync(cliMain, 'utf8').split('\n', 1)[0];
  const out = withFile(`${line}\nconsole.log(process.env.MALLOC_ARENA_MAX ?? 'unset')\n`, (file) => {
    chmodSync(file, 0o755);
    // A clean environment: the value must come from the shebang, not from the test runner.
    const { MALLOC_ARENA_MAX: _drop, ...env } = process.env;
    return execFileSync(file, { encoding: 'utf8', env });
  });
  assert.equal(out.trim(), '2');
});
