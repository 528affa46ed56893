/**
 * `npm run bench`: throughput (words/s) and peak RSS of Dossier's `analyse`
 * over the PTC training articles, beside wink-nlp's readDoc and compromise
 * measured in the same run, printed as ratios. Each subject runs in its own
 * process (clean RSS). Stage rows come from `analyseTimed`; extra rows (ingest,
 * queue) are the files of bench/rows/.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { benchArticles, sharedDir } from './corpus.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const passes = process.env.BENCH_PASSES ?? '3';

/** Per-stage throughput targets from the issues (words/s on one core). */
export const STAGE_TARGETS: Record<string, number> = { entities: 150_000, time: 300_000, quotes: 200_000, claims: 200_000, events: 100_000, rhetoric: 100_000 };

interface SubjectResult {
  subject: string;
  words: number;
  seconds: number;
  wordsPerSecond: number;
  maxRssMb: number;
  stages?: Record<string, number>;
  winkSeconds?: number;
}

export interface BenchRow {
  id: string;
  run(ctx: { sharedDir: string; log(m: string): void }): Promise<Array<{ name: string; value: string; note?: string }>>;
}

function runSubject(name: string, n = passes): SubjectResult {
  process.stderr.write(`bench: ${name} …\n`);
  const tsx = path.join(here, '..', 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const script = path.join(here, `subject${path.extname(fileURLToPath(import.meta.url))}`);
  const args = script.endsWith('.ts') ? [tsx, script, name, n] : [script, name, n];
  const out = execFileSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 24 });
  return JSON.parse(out.trim().split('\n').pop() as string) as SubjectResult;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

async function main(): Promise<void> {
  const corpus = benchArticles();
  if (!corpus) {
    console.log(`bench: no corpus at ${sharedDir}/eval/ptc/train-articles (set DOSSIER_SHARED); nothing measured.`);
    return;
  }
  console.log(
    `bench: ${corpus.texts.length} PTC articles, ${fmt(corpus.words)} words; ${os.cpus()[0]?.model ?? '?'} × ${os.availableParallelism()}; node ${process.version}; best of ${passes} passes`,
  );
  const wink = runSubject('wink');
  const pair = runSubject('segment-vs-wink');
  const dossier = runSubject('dossier');
  const compromise = runSubject('compromise', '1');
  const rows: string[][] = [['subject', 'words/s', '× wink readDoc', 'peak RSS MB']];
  const add = (name: string, r: SubjectResult) =>
    rows.push([name, fmt(r.wordsPerSecond), (r.wordsPerSecond / wink.wordsPerSecond).toFixed(2), r.maxRssMb.toFixed(0)]);
  add('wink-nlp readDoc', wink);
  add('compromise people/places/orgs', compromise);
  add('dossier analyse (all stages)', dossier);
  printTable(rows);

  console.log('');
  const segRatio = pair.winkSeconds !== undefined ? pair.winkSeconds / pair.seconds : 0;
  const stageRows: string[][] = [['stage', 'words/s', 'target', 'met']];
  stageRows.push(['segment (paired with readDoc)', fmt(pair.wordsPerSecond), `≥ 0.80 × readDoc: ${segRatio.toFixed(2)} ×`, segRatio >= 0.8 ? 'yes' : 'NO']);
  for (const [stage, wps] of Object.entries(dossier.stages ?? {})) {
    const target = STAGE_TARGETS[stage];
    stageRows.push([stage, fmt(wps), target ? `≥ ${fmt(target)}` : '', target ? (wps >= target ? 'yes' : 'NO') : '']);
  }
  printTable(stageRows);

  const rowsDir = path.join(here, 'rows');
  if (existsSync(rowsDir)) {
    for (const f of readdirSync(rowsDir).sort()) {
      if (!/\.(ts|js)$/.test(f) || f.endsWith('.d.ts')) continue;
      const mod = (await import(pathToFileURL(path.join(rowsDir, f)).href)) as { default?: BenchRow };
      if (!mod.default) continue;
      console.log('');
      const extra = await mod.default.run({ sharedDir, log: (m) => process.stderr.write(`  ${m}\n`) });
      printTable([[mod.default.id, 'value', 'note'], ...extra.map((e) => [e.name, e.value, e.note ?? ''])]);
    }
  }
}

function printTable(lines: string[][]): void {
  const widths = lines[0].map((_, c) => Math.max(...lines.map((l) => (l[c] ?? '').length)));
  for (const [i, l] of lines.entries()) {
    console.log(l.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '));
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
}

await main();
