import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { packageRoot } from './package-root.js';

const root = packageRoot();
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { main: string; types: string };
const main = path.join(root, pkg.main);

describe('the package entry point', { skip: import.meta.url.endsWith('.ts') ? 'run from dist/ (npm test)' : false }, () => {
  it('is what package.json names, with its type declarations beside it', () => {
    assert.ok(existsSync(main), pkg.main);
    assert.ok(existsSync(path.join(root, pkg.types)), pkg.types);
  });

  it('analyses an article with the shipped resources, every span matching its text', async () => {
    const dossier = (await import(pathToFileURL(main).href)) as typeof import('./index.js');
    const res = await dossier.loadResources();
    const text = 'Iran’s Revolutionary Guards seized a tanker in the Strait of Hormuz last Friday, state television said.';
    const analysis = dossier.analyse(dossier.createDocument(text, { published: '2021-05-03' }), res);
    assert.deepEqual(dossier.findSpanProblems(analysis, text), []);
    assert.ok(
      analysis.entities.some((e) => e.kbId === 'org.irgc'),
      JSON.stringify(analysis.entities.map((e) => e.kbId)),
    );
    assert.ok(
      analysis.times.some((t) => t.text === 'last Friday' && t.value === '2021-04-30'),
      JSON.stringify(analysis.times),
    );
    assert.equal(dossier.AnalysisSchema.safeParse(analysis).success, true);
  });
});
