/**
 * `npm run eval`: one table that scores each extractor against ../shared/eval.
 * Rows are the files of eval/rows/; `npm run eval -- ner time` runs only rows
 * whose id or extractor starts with one of the words.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { packageRoot } from '../src/analysis.js';
import type { EvalResult, EvalRow } from './types.js';

const root = packageRoot();
const sharedDir = path.resolve(process.env.DOSSIER_SHARED ?? path.join(root, '..', 'shared'));

async function main(): Promise<number> {
  if (!existsSync(path.join(sharedDir, 'eval'))) {
    console.log(`eval: no gold data at ${path.join(sharedDir, 'eval')} (set DOSSIER_SHARED to ../shared); nothing scored.`);
    return 0;
  }
  const filters = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const rowsDir = path.join(path.dirname(new URL(import.meta.url).pathname), 'rows');
  const rows: EvalRow[] = [];
  for (const f of readdirSync(rowsDir).sort()) {
    if (!/\.(ts|js)$/.test(f) || f.endsWith('.d.ts') || f.includes('.test.')) continue;
    const mod = (await import(pathToFileURL(path.join(rowsDir, f)).href)) as { default?: EvalRow };
    if (mod.default) rows.push(mod.default);
  }
  rows.sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
  const selected = rows.filter((r) => filters.length === 0 || filters.some((f) => r.id.startsWith(f) || r.extractor.startsWith(f)));
  const table: Array<{ row: EvalRow; result?: EvalResult; skipped?: string; seconds: number }> = [];
  let failures = 0;
  for (const row of selected) {
    const missing = row.needs.filter((n) => !existsSync(path.join(sharedDir, n)));
    if (missing.length > 0) {
      table.push({ row, skipped: `missing ${missing.join(', ')}`, seconds: 0 });
      continue;
    }
    const t0 = performance.now();
    process.stderr.write(`eval: ${row.id} …\n`);
    try {
      const results = await row.run({ sharedDir, root, log: (m) => process.stderr.write(`  ${m}\n`) });
      const seconds = (performance.now() - t0) / 1000;
      for (const result of results) table.push({ row, result, seconds });
    } catch (err) {
      failures++;
      table.push({ row, skipped: `error: ${(err as Error).stack ?? err}`, seconds: (performance.now() - t0) / 1000 });
    }
  }
  printTable(table);
  return failures > 0 ? 1 : 0;
}

function printTable(table: Array<{ row: EvalRow; result?: EvalResult; skipped?: string; seconds: number }>): void {
  const fmt = (n: number) => n.toFixed(3);
  const lines: string[][] = [['extractor', 'gold / metric', 'score', 'target', 'met', 'beside it', 'secs']];
  const details: string[] = [];
  for (const { row, result, skipped, seconds } of table) {
    if (!result) {
      lines.push([row.extractor, row.title, '-', '-', 'skip', skipped ?? '', '']);
      continue;
    }
    const met = result.target === undefined ? '' : result.score >= result.target ? 'yes' : 'NO';
    const beside = (result.baselines ?? []).map((b) => `${b.name} ${fmt(b.score)}`).join('; ');
    lines.push([
      row.extractor,
      `${row.title} — ${result.metric}`,
      fmt(result.score),
      result.target === undefined ? '' : fmt(result.target),
      met,
      beside,
      seconds.toFixed(1),
    ]);
    for (const d of result.details ?? []) details.push(`  [${row.id}] ${d}`);
  }
  const widths = lines[0].map((_, c) => Math.max(...lines.map((l) => l[c].length)));
  for (const [i, l] of lines.entries()) {
    console.log(
      l
        .map((cell, c) => cell.padEnd(widths[c]))
        .join('  ')
        .trimEnd(),
    );
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
  if (details.length > 0) {
    console.log('');
    for (const d of details) console.log(d);
  }
}

process.exitCode = await main();
