import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  estimateSimilarity,
  isNearDuplicate,
  minhashSignature,
  NEAR_DUPLICATE_THRESHOLD,
  NearDuplicateIndex,
  scoreNearDuplicate,
  shingleHashes,
  signatureFromString,
  signatureToString,
} from './near-dup.js';

// A self-written wire story: 8 paragraphs.
const PARAGRAPHS = [
  'Rockets struck near the United States embassy in Baghdad on Sunday night, Iraqi security officials said, the third such attack this month.',
  'The Green Zone, which houses government buildings and foreign missions, was hit by at least three Katyusha rockets fired from an eastern district of the capital.',
  'No group immediately claimed responsibility, but Washington has repeatedly blamed militias backed by Tehran for similar attacks on its personnel and facilities.',
  'A spokesman for the Iraqi prime minister condemned the strike and said a committee had been formed to find those responsible and bring them to justice.',
  'Residents of nearby neighbourhoods described hearing loud explosions followed by the sound of sirens that continued for more than twenty minutes.',
  'The embassy’s air defence system was activated during the attack, according to two officials who spoke on condition of anonymity because they were not authorised to brief reporters.',
  'Tensions between the two countries have risen since a drone strike at Baghdad airport killed a senior Iranian commander in January, prompting retaliation against bases hosting American troops.',
  'Iraqi lawmakers have since voted in favour of a non-binding resolution calling for the withdrawal of all foreign forces from the country.',
];
const HEADLINE = 'Rockets hit near US embassy in Baghdad';
const ORIGINAL = [HEADLINE, ...PARAGRAPHS].join('\n\n');

// A different article on the same event (shares names and some wording, not the text).
const OTHER_ON_SAME_EVENT = [
  'US embassy in Baghdad targeted again',
  'Several rockets landed inside the Green Zone in Baghdad late on Sunday, the Iraqi military said in a statement, adding that nobody was hurt.',
  'The United States has accused militias backed by Tehran of carrying out the attacks, which have grown more frequent since January.',
  'Iraq’s prime minister ordered an investigation and promised to protect diplomatic missions, his office said on Monday.',
  'Analysts said the attacks were meant to pressure Washington into withdrawing its troops, a demand echoed by several parliamentary blocs.',
  'The embassy did not respond to a request for comment on the latest incident or on damage to its compound.',
].join('\n\n');

describe('minhashSignature', () => {
  it('has 128 minima and the shingle count, and is deterministic', () => {
    const sig = minhashSignature(ORIGINAL);
    assert.equal(sig.length, 129);
    assert.equal(sig[128], shingleHashes(ORIGINAL).length);
    assert.deepEqual(minhashSignature(ORIGINAL), sig);
  });

  it('ignores case and punctuation, and shingles do not cross blank lines', () => {
    assert.deepEqual(shingleHashes('The rockets, fired at night, hit the Green Zone!'), shingleHashes('the ROCKETS fired at night hit the green zone'));
    // one paragraph of 9 words gives 5 shingles; split into 5 + 4 words it gives 1 + 1
    assert.equal(shingleHashes('one two three four five six seven eight nine').length, 5);
    assert.equal(shingleHashes('one two three four five\n\nsix seven eight nine').length, 2);
    // a single line break is not a paragraph break
    assert.equal(shingleHashes('one two three four five\nsix seven eight nine').length, 5);
  });

  it('gives an empty text no shingles, and it matches nothing', () => {
    const empty = minhashSignature('  \n\n ... ');
    assert.equal(empty[128], 0);
    assert.equal(estimateSimilarity(empty, empty), 0);
    const index = new NearDuplicateIndex();
    index.add('empty', empty);
    assert.deepEqual(index.query(empty), []);
  });

  it('estimates the Jaccard of known sets within the MinHash error', () => {
    // 200 shared words + 100 own words each, as one paragraph of distinct 1-word shingles: J = 200/400
    const words = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
    const shared = words('shared', 200);
    const a = minhashSignature([...shared, ...words('a', 100)].join('\n\n'), { shingleSize: 1 });
    const b = minhashSignature([...shared, ...words('b', 100)].join('\n\n'), { shingleSize: 1 });
    const j = estimateSimilarity(a, b);
    assert.ok(Math.abs(j - 0.5) < 0.15, `J ${j}`);
  });
});

describe('signature strings', () => {
  it('round-trip', () => {
    const sig = minhashSignature(ORIGINAL);
    const s = signatureToString(sig);
    assert.match(s, /^[A-Za-z0-9+/]+=*$/);
    assert.equal(s.length, 688);
    assert.deepEqual(signatureFromString(s), sig);
  });

  it('round-trip any array of 32-bit words (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 0xffffffff }), { minLength: 2, maxLength: 40 }), (words) => {
        const sig = Uint32Array.from(words);
        assert.deepEqual(signatureFromString(signatureToString(sig)), sig);
      }),
    );
  });

  it('refuse what is not a signature', () => {
    assert.throws(() => signatureFromString('not base64!'), /not a MinHash signature/);
    assert.throws(() => signatureFromString('AAAA'), /not a MinHash signature/);
  });
});

describe('near-duplicate decision', () => {
  const original = minhashSignature(ORIGINAL);
  const variants: Record<string, string> = {
    'changed headline': ['Militia rockets target American mission in Iraqi capital', ...PARAGRAPHS].join('\n\n'),
    'trimmed tail (drops 3 of 8 paragraphs)': [HEADLINE, ...PARAGRAPHS.slice(0, 5)].join('\n\n'),
    'trimmed head': [HEADLINE, ...PARAGRAPHS.slice(1)].join('\n\n'),
    'reordered paragraphs': [HEADLINE, ...PARAGRAPHS.slice(4), ...PARAGRAPHS.slice(0, 4)].join('\n\n'),
    'added boilerplate': [
      'Subscribe to our newsletter for the latest headlines.',
      HEADLINE,
      ...PARAGRAPHS,
      'Source: Global News Wire',
      'Copyright 2020. All rights reserved.',
    ].join('\n\n'),
    'another outlet, reflowed into one block': `BAGHDAD (Wire) — ${PARAGRAPHS.join(' ')}`,
  };
  for (const [kind, text] of Object.entries(variants)) {
    it(`links a copy with ${kind}`, () => {
      const score = scoreNearDuplicate(minhashSignature(text), original);
      assert.ok(score.similarity >= NEAR_DUPLICATE_THRESHOLD, `${kind}: ${JSON.stringify(score)}`);
      assert.ok(isNearDuplicate(minhashSignature(text), original));
    });
  }

  it('measures containment for a trimmed copy, where Jaccard is low', () => {
    const trimmed = minhashSignature([HEADLINE, ...PARAGRAPHS.slice(0, 4)].join('\n\n'));
    const score = scoreNearDuplicate(trimmed, original);
    assert.ok(score.jaccard < 0.7, `J ${score.jaccard}`);
    assert.ok(score.containment > 0.85, `containment ${score.containment}`);
  });

  it('does not link a different article on the same event', () => {
    const score = scoreNearDuplicate(minhashSignature(OTHER_ON_SAME_EVENT), original);
    assert.ok(score.similarity < 0.2, JSON.stringify(score));
    assert.equal(isNearDuplicate(minhashSignature(OTHER_ON_SAME_EVENT), original), false);
  });

  it('does not call one quoted paragraph inside a long article its copy (Jaccard floor)', () => {
    const score = scoreNearDuplicate(minhashSignature(PARAGRAPHS[2]), original);
    assert.ok(score.containment > 0.9, `containment ${score.containment}`);
    assert.equal(isNearDuplicate(minhashSignature(PARAGRAPHS[2]), original), false);
  });
});

describe('NearDuplicateIndex', () => {
  it('finds the original of a copy through LSH and not the unrelated article', () => {
    const index = new NearDuplicateIndex();
    index.add('original', minhashSignature(ORIGINAL));
    index.add('other', minhashSignature(OTHER_ON_SAME_EVENT));
    index.add('original', minhashSignature(OTHER_ON_SAME_EVENT)); // same id again: ignored
    assert.equal(index.size, 2);
    const copy = ['Militia rockets target American mission', ...PARAGRAPHS.slice(0, 6), 'Source: Global News Wire'].join('\n\n');
    const matches = index.query(minhashSignature(copy));
    assert.deepEqual(
      matches.map((m) => m.id),
      ['original'],
    );
    assert.ok(matches[0].similarity >= NEAR_DUPLICATE_THRESHOLD && matches[0].similarity <= 1);
  });

  it('refuses signatures of another length', () => {
    const index = new NearDuplicateIndex();
    index.add('a', minhashSignature(ORIGINAL));
    assert.throws(() => index.query(minhashSignature(ORIGINAL, { numHashes: 64 })), /needs 126|differ in length/);
  });
});
