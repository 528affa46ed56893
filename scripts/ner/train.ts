/**
 * Train the NER tagger: averaged structured perceptron over BILOU labels (see
 * src/extract/entities/ner/perceptron.ts), trained on CoNLL-2003 eng.train and
 * scored per epoch on eng.testa (the dev set used for every tuning decision).
 * eng.testb is never read here.
 *
 *   npx tsx scripts/ner/train.ts            # train and write data/models/ner/
 *   npx tsx scripts/ner/train.ts --dry-run  # train and score only
 *
 * Deterministic: fixed seed, fixed document order, no parallelism.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../../src/analysis.js';
import { buildGazetteer, compileGazetteer, formatGazetteer, type GazetteerEntry } from '../../src/extract/entities/ner/gazetteer.js';
import { LABEL_COUNT, labelName, labelsFromSpans, NER_TYPES } from '../../src/extract/entities/ner/labels.js';
import { createNerModel, formatWeights, GAZETTEER_COMPILED, type NerModelMeta, parseClusters } from '../../src/extract/entities/ner/model.js';
import { type TrainingDocument, trainPerceptron } from '../../src/extract/entities/ner/perceptron.js';
import { normalizeForm } from '../../src/extract/entities/ner/word-form.js';
import { fitCalibration } from './calibrate.js';
import { cameoNames } from './cameo-names.js';
import { type ConllDocument, readConll } from './conll.js';
import { formatScore, scoreNer } from './score.js';
import { tagConll } from './tag-conll.js';

const EPOCHS = Number(arg('--epochs') ?? 8);
const SEED = 20240601;
const MIN_COUNT = Number(arg('--min-count') ?? 2);
const PRUNE = Number(arg('--prune') ?? 0.001);
const MAX_FILE_BYTES = 20_000_000;

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const root = packageRoot();
const shared = path.resolve(process.env.DOSSIER_SHARED ?? path.join(root, '..', 'shared'));
const conllDir = path.join(shared, 'eval', 'conll2003');
const outDir = path.join(root, 'data', 'models', 'ner');

/** Lower-cased, normalised phrase: the gazetteer key. */
export function phraseKey(words: readonly string[]): string {
  return words.map((w) => normalizeForm(w).toLowerCase()).join(' ');
}

function trainGazetteerEntries(docs: readonly ConllDocument[]): { entries: Map<string, GazetteerEntry>; perDoc: Map<string, number>[] } {
  const entries = new Map<string, GazetteerEntry>();
  const perDoc = docs.map((doc) => {
    const own = new Map<string, number>();
    for (const s of doc.sentences)
      for (const span of s.spans) {
        const key = phraseKey(s.words.slice(span.start, span.end));
        own.set(key, (own.get(key) ?? 0) | (1 << span.type));
      }
    for (const [key, mask] of own) {
      let e = entries.get(key);
      if (!e) {
        e = { phrase: key, trainDocs: [0, 0, 0, 0], cameoTypes: 0 };
        entries.set(key, e);
      }
      for (let t = 0; t < NER_TYPES.length; t++) if ((mask >> t) & 1) e.trainDocs[t]++;
    }
    return own;
  });
  return { entries, perDoc };
}

function toTraining(doc: ConllDocument, exclude?: Map<string, number>): TrainingDocument {
  const values: string[] = [];
  const sentences: TrainingDocument['sentences'] = [];
  const labels: number[] = [];
  for (const s of doc.sentences) {
    const tokenStart = values.length;
    values.push(...s.words);
    labels.push(...labelsFromSpans(s.spans, s.words.length));
    sentences.push({ tokenStart, tokenEnd: values.length });
  }
  return { values, sentences, labels: Uint8Array.from(labels), gazetteerExclude: exclude };
}

function main(): void {
  const t0 = performance.now();
  const train = readConll(path.join(conllDir, 'eng.train'));
  const dev = readConll(path.join(conllDir, 'eng.testa'));
  const { entries, perDoc } = trainGazetteerEntries(train);
  const useCameo = !process.argv.includes('--no-cameo');
  if (useCameo) {
    for (const [phrase, mask] of cameoNames(path.join(shared, 'data', 'cameo'))) {
      let e = entries.get(phrase);
      if (!e) {
        e = { phrase, trainDocs: [0, 0, 0, 0], cameoTypes: 0 };
        entries.set(phrase, e);
      }
      e.cameoTypes |= mask;
    }
  }
  const gazetteerEntries = [...entries.values()].sort((a, b) => (a.phrase < b.phrase ? -1 : a.phrase > b.phrase ? 1 : 0));
  const gazetteer = buildGazetteer(gazetteerEntries);
  const clustersFile = path.resolve(arg('--clusters') ?? path.join(outDir, 'clusters.tsv'));
  const clusters = !process.argv.includes('--no-clusters') && existsSync(clustersFile) ? parseClusters(readFileSync(clustersFile, 'utf8')) : null;
  const docs = train.map((d, i) => toTraining(d, perDoc[i]));
  console.log(`train: ${train.length} documents, gazetteer ${gazetteer.size} names, clusters ${clusters ? clusters.size : 'off'}`);

  let bestF1 = 0;
  const weights = trainPerceptron(docs, {
    epochs: EPOCHS,
    seed: SEED,
    gazetteer,
    clusters,
    minCount: MIN_COUNT,
    onEpoch(epoch, w) {
      if (!process.argv.includes('--every-epoch') && epoch !== EPOCHS) return;
      const model = createNerModel(w, gazetteer, clusters);
      const score = scoreNer(dev, tagConll(model, dev));
      bestF1 = Math.max(bestF1, score.micro.f1);
      console.log(`epoch ${epoch}: testa PER/LOC/ORG F1 ${score.micro.f1.toFixed(4)} (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
    },
  });
  const model = createNerModel(weights, gazetteer, clusters);
  const devScore = scoreNer(dev, tagConll(model, dev));
  for (const line of formatScore(devScore)) console.log(`  testa ${line}`);
  const calibration = fitCalibration(model, dev);
  console.log(`calibration: scale ${calibration.scale}, bias ${calibration.bias}`);
  const seconds = (performance.now() - t0) / 1000;
  if (process.argv.includes('--dry-run')) return;

  mkdirSync(outDir, { recursive: true });
  for (const f of readdirSync(outDir)) if (/^weights-\d+\.tsv$/.test(f)) rmSync(path.join(outDir, f));
  const lines = formatWeights(weights, PRUNE);
  const header = '# generated by scripts/ner/train.ts — do not edit. feature<TAB>label:weight … (labels in model.json)\n';
  let part = 1;
  let chunk: string[] = [];
  let bytes = 0;
  const flush = () => {
    writeFileSync(path.join(outDir, `weights-${part}.tsv`), `${header}${chunk.join('\n')}\n`);
    part++;
    chunk = [];
    bytes = 0;
  };
  for (const line of lines) {
    if (bytes + line.length + 1 > MAX_FILE_BYTES) flush();
    chunk.push(line);
    bytes += line.length + 1;
  }
  flush();
  const gazetteerTsv = `# generated by scripts/ner/train.ts from eng.train entity names and the CAMEO/Phoenix actor dictionaries (MIT).\n# phrase<TAB>eng.train document counts as PER,ORG,LOC,MISC<TAB>CAMEO types\n${formatGazetteer(gazetteerEntries)}`;
  writeFileSync(path.join(outDir, 'gazetteer.tsv'), gazetteerTsv);
  // Its compiled form, which the tagger loads (scripts/ner/compile-gazetteer.ts writes the same).
  writeFileSync(path.join(outDir, GAZETTEER_COMPILED), compileGazetteer(gazetteerTsv));
  const meta: NerModelMeta = {
    format: 'dossier.ner/1',
    labels: Array.from({ length: LABEL_COUNT }, (_, y) => labelName(y)),
    trans: Array.from(weights.trans, (v) => Math.round(v * 10000) / 10000),
    calibration,
    training: {
      script: 'scripts/ner/train.ts',
      data: 'CoNLL-2003 eng.train (dev: eng.testa)',
      epochs: EPOCHS,
      seed: SEED,
      minCount: MIN_COUNT,
      prune: PRUNE,
      features: lines.length,
      gazetteer: gazetteer.size,
      clusters: clusters ? clusters.size : 0,
      devF1: Math.round(devScore.micro.f1 * 10000) / 10000,
    },
  };
  writeFileSync(path.join(outDir, 'model.json'), `${JSON.stringify(meta, null, 1)}\n`);
  console.log(`wrote ${lines.length} features in ${part - 1} file(s); ${seconds.toFixed(0)} s`);
}

main();
