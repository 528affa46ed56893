import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { loadResources } from '../analysis.js';
import type { Resources } from '../pipeline/context.js';
import {
  type Job,
  type JobResult,
  type JobSettings,
  type PartialJob,
  partialFromWire,
  partialToWire,
  prepareJobs,
  runBack,
  runFront,
  runJob,
  splitStages,
} from './jobs.js';

// A dated quote: the time stage leaves a speech anchor on the context, which the
// events stage's dateOf reads; the split path must carry it to the back.
const TEXT = [
  'Militia leader warns Washington',
  '',
  'On October 25, 2020, Qais al-Khazali said: “The Americans are occupiers. Iraq condemned the United States. Iran will attack Israel.”',
  'Iran condemned the United States.',
].join('\n');

const settings: JobSettings = {
  format: 'store',
  inputFormat: 'text',
  maxBytes: 1 << 20,
  meta: { published: '2020-10-28', source: 'Example News' },
  color: false,
  check: true,
};
const job = (seq: number, text: string): Job => ({
  seq,
  where: `doc-${seq}.txt`,
  kind: 'bytes',
  name: `doc-${seq}.txt`,
  bytes: new TextEncoder().encode(text),
});

describe('the pipeline split between two workers', () => {
  let res: Resources;
  before(async () => {
    res = await loadResources();
    await prepareJobs(settings);
  });

  it('cuts before quotes: segment, entities and time in front; quotes … rhetoric behind', () => {
    const split = splitStages();
    assert.ok(split);
    assert.deepEqual(
      split.front.map((s) => s.name),
      ['segment', 'entities', 'time'],
    );
    assert.deepEqual(
      split.back.map((s) => s.name),
      ['quotes', 'claims', 'events', 'rhetoric'],
    );
  });

  it('gives exactly what one thread gives, packed and cloned as between threads', () => {
    const split = splitStages();
    assert.ok(split);
    const whole = runJob(job(7, TEXT), res, settings);
    const front = runFront(job(7, TEXT), res, settings, split.front);
    assert.ok(!('ok' in front), 'the front hands on a partial analysis');
    const partial = partialFromWire(structuredClone(partialToWire(front as PartialJob)));
    assert.deepEqual(partial.tokens, (front as PartialJob).tokens);
    assert.ok(Array.isArray(partial.extras.speechAnchors), 'the time stage’s speech anchors cross over');
    assert.equal('mentionIndex' in partial.extras, false, 'objects with methods stay behind');
    const back = runBack(partial, res, settings, split.back);
    assert.ok(whole.ok && back.ok, `${(whole as { reason?: string }).reason ?? ''} ${(back as { reason?: string }).reason ?? ''}`);
    const ok = (r: JobResult) => r as Extract<JobResult, { ok: true }>;
    // Events in the quote's later sentences take the speech date (October 25), not the publication date.
    assert.ok(
      ok(back).analysis?.events.some((e) => e.date?.dateSource === 'speech' && e.date.value === '2020-10-25'),
      'an event dated by its speech',
    );
    assert.deepEqual(ok(back).analysis, ok(whole).analysis);
    assert.deepEqual(ok(back).facts, ok(whole).facts);
    assert.equal(ok(back).facts?.source?.name, 'Example News', 'the back computes the outlet');
    assert.equal(ok(back).signature, ok(whole).signature);
    assert.equal(ok(back).seq, 7);
  });

  it('answers a job that fails to read from the front, with its reason', () => {
    const split = splitStages();
    assert.ok(split);
    const bad: Job = { seq: 3, where: 'bad.txt', kind: 'bytes', name: 'bad.txt', bytes: new Uint8Array([104, 0, 105]) };
    const out = runFront(bad, res, settings, split.front);
    assert.ok('ok' in out && !out.ok);
    assert.equal(out.seq, 3);
    assert.match(out.reason, /NUL byte/);
  });
});
