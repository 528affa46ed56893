import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { findSpanProblems } from '../document/span.js';
import { type Analysis, AnalysisSchema } from '../schema/analysis.js';
import { seedPath, seedText } from '../test-support/fixtures.js';

// The compiled CLI (tests run from dist/, next to it).
const here = path.dirname(fileURLToPath(import.meta.url));
const cli = path.join(here, `main${path.extname(fileURLToPath(import.meta.url))}`);
const tmp = mkdtempSync(path.join(os.tmpdir(), 'dossier-cli-'));

function dossier(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [cli, ...args], { input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('dossier analyze', { skip: cli.endsWith('.ts') ? 'run from dist/ (npm test)' : false }, () => {
  it('analyses the seed article into a valid dossier.analysis/1 whose spans match their text', (t) => {
    if (!seedText()) return t.skip('no ../shared');
    const r = dossier(['analyze', seedPath, '--published', '2020-10-28', '--source', 'iranfocus', '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const a = JSON.parse(r.stdout) as Analysis;
    assert.ok(AnalysisSchema.safeParse(a).success);
    assert.equal(a.document.source.name, 'iranfocus');
    assert.equal(a.document.published, '2020-10-28');
    assert.deepEqual(findSpanProblems(a, a.document.text), []);
  });

  it('analyses a JSONL batch in input order, reporting the empty and the malformed line and exiting 3', () => {
    const file = path.join(tmp, 'batch.jsonl');
    writeFileSync(
      file,
      [
        JSON.stringify({ id: 'one', text: 'Iraqi protesters marched in Baghdad on Sunday.', published: '2019-10-06' }),
        '',
        '{"text": "unterminated',
        JSON.stringify({ id: 'two', text: 'Hezbollah warned Israel.' }),
        JSON.stringify({ id: 'three', html: '<p>The IRGC launched missiles at bases in Erbil.</p>' }),
      ].join('\n'),
    );
    for (const jobs of ['1', '2']) {
      const r = dossier(['analyze', '--input-format', 'jsonl', '--jobs', jobs, file]);
      assert.equal(r.code, 3, r.stderr);
      const texts = r.stdout
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as Analysis).document.text);
      assert.deepEqual(texts, ['Iraqi protesters marched in Baghdad on Sunday.', 'Hezbollah warned Israel.', 'The IRGC launched missiles at bases in Erbil.']);
      assert.match(r.stderr, /batch\.jsonl:2: empty line/);
      assert.match(r.stderr, /batch\.jsonl:3: malformed JSON/);
      assert.match(r.stderr, /3 analysed, 2 skipped/);
    }
  });

  it('refuses binary, invalid UTF-8, empty and oversized input with a reason, exit 1 and no output', () => {
    const cases: Array<[string, Buffer, RegExp, string[]]> = [
      ['photo.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]), /photo\.txt: binary data: looks like a PNG image/, []],
      ['latin1.txt', Buffer.from('Fran\xe7ois Hollande', 'latin1'), /latin1\.txt: invalid UTF-8 at byte 4/, []],
      ['empty.txt', Buffer.alloc(0), /empty\.txt: empty input/, []],
      ['big.txt', Buffer.from('Tehran '.repeat(100)), /big\.txt: too large: 700 bytes, over the cap of 100 bytes/, ['--max-bytes', '100']],
    ];
    for (const [name, bytes, reason, extra] of cases) {
      const file = path.join(tmp, name);
      writeFileSync(file, bytes);
      const r = dossier(['analyze', file, ...extra]);
      assert.equal(r.code, 1, `${name}: ${r.stderr}`);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, reason);
    }
  });

  it('goes on with the rest when one file of several is bad', () => {
    const good = path.join(tmp, 'good.txt');
    const bad = path.join(tmp, 'bad.bin');
    writeFileSync(good, 'Kata’ib Hezbollah denied the attack.');
    writeFileSync(bad, Buffer.from([0x61, 0x00, 0x62]));
    const r = dossier(['analyze', bad, good, path.join(tmp, 'missing.txt')]);
    assert.equal(r.code, 3);
    assert.equal(r.stdout.trim().split('\n').length, 1);
    assert.match(r.stderr, /bad\.bin: binary data: NUL byte at offset 1/);
    assert.match(r.stderr, /missing\.txt: cannot read: ENOENT/);
  });

  it('reads standard input and prints a text report', () => {
    const r = dossier(['analyze', '-', '--format', 'text', '--title', 'Stdin sample'], 'Tehran denied it. The militias did not.');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Stdin sample\n/);
    assert.doesNotMatch(r.stdout, /\u001b\[/, 'no colour when stdout is not a terminal');
  });

  it('answers --help and --version for every command, and exits 2 on bad usage', () => {
    for (const args of [['--help'], ['analyze', '--help'], ['schema', '--help']]) {
      const r = dossier(args);
      assert.equal(r.code, 0);
      assert.match(r.stdout, /Usage: dossier/);
    }
    for (const args of [['--version'], ['analyze', '--version'], ['schema', '--version']]) assert.match(dossier(args).stdout, /^\d+\.\d+\.\d+\n$/);
    assert.equal(dossier(['analyze', 'x.txt', '--published', 'yesterday']).code, 2);
    assert.equal(dossier(['frobnicate']).code, 2);
  });

  it('is the program package.json names as the dossier bin, with a node shebang', () => {
    const root = path.resolve(here, '..', '..', '..');
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    // npm links (and marks executable) exactly this path on install.
    assert.equal(path.join(root, pkg.bin.dossier), cli);
    // `env -S NAME=value node`: the environment the bin sets (shebang-env.ts).
    assert.match(readFileSync(cli, 'utf8'), /^#!\/usr\/bin\/env (?:-S (?:\S+=\S+ )*)?node\n/);
  });

  it('prints the JSON Schema', () => {
    const r = dossier(['schema']);
    const schema = JSON.parse(r.stdout) as { title: string; properties: Record<string, unknown> };
    assert.equal(schema.title, 'dossier.analysis/1');
    assert.ok('entities' in schema.properties && 'rhetoric' in schema.properties);
  });
});
