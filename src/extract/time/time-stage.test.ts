import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { findSpanProblems } from '../../document/span.js';
import { TimeSchema } from '../../schema/analysis.js';
import { seedPath } from '../../test-support/fixtures.js';
import { analyseTimes } from './test-helpers.js';
import { isTimexValue } from './timex-value.js';

type Row = [start: number, text: string, type: string, value: string, mod?: string];

async function times(text: string, published: string | null = '2020-10-28'): Promise<Row[]> {
  const a = await analyseTimes(text, published);
  return a.times.map((t) => (t.mod ? [t.start, t.text, t.type, t.value, t.mod] : [t.start, t.text, t.type, t.value]));
}

// Published 2020-10-28 (a Wednesday, ISO week 44) unless the row says otherwise.
const TABLE: Array<[string, Row[]]> = [
  ['Last October, the Iraqi people began their October Revolution.', [[0, 'Last October', 'DATE', '2019-10']]],
  ['The daily expressed fear on October 25 of losing control.', [[28, 'October 25', 'DATE', '2020-10-25']]],
  [
    'They have spent 17 years trying, and the war went on for six years after Iraq sued for peace.',
    [
      [16, '17 years', 'DURATION', 'P17Y'],
      [57, 'six years', 'DURATION', 'P6Y'],
    ],
  ],
  [
    'Protests at the beginning of this week shook Baghdad; this year the West struck back.',
    [
      [12, 'the beginning of this week', 'DATE', '2020-W44', 'START'],
      [54, 'this year', 'DATE', '2020'],
    ],
  ],
  ['The talks will resume on November 3 in Geneva.', [[25, 'November 3', 'DATE', '2020-11-03']]],
  [
    'Officials met on Friday and again last Monday.',
    [
      [17, 'Friday', 'DATE', '2020-10-23'],
      [34, 'last Monday', 'DATE', '2020-10-26'],
    ],
  ],
  [
    'In recent years the militias grew; now they dominate, and currently nobody resists.',
    [
      [3, 'recent years', 'DURATION', 'PXY'],
      [35, 'now', 'DATE', 'PRESENT_REF'],
      [58, 'currently', 'DATE', 'PRESENT_REF'],
    ],
  ],
  [
    'The 1980s were violent, as was much of the 20th century.',
    [
      [0, 'The 1980s', 'DATE', '198'],
      [39, 'the 20th century', 'DATE', '19'],
    ],
  ],
  [
    'Sales rose in the third quarter of 2019 and in the summer of 1998.',
    [
      [14, 'the third quarter of 2019', 'DATE', '2019-Q3'],
      [47, 'the summer of 1998', 'DATE', '1998-SU'],
    ],
  ],
  // "May" the modal and "Sunday Times" the paper are not dates.
  ['He said it May rain. May 5 was quiet. The Sunday Times reported it.', [[21, 'May 5', 'DATE', '2020-05-05']]],
  [
    'Two weeks ago the envoy arrived; three years ago he left.',
    [
      [0, 'Two weeks ago', 'DATE', '2020-10-14'],
      [33, 'three years ago', 'DATE', '2017'],
    ],
  ],
  [
    'The council meets every week and publishes daily.',
    [
      [18, 'every week', 'SET', 'P1W'],
      [43, 'daily', 'SET', 'P1D'],
    ],
  ],
  ['At 10:30 a.m. on Tuesday the vote began.', [[3, '10:30 a.m. on Tuesday', 'TIME', '2020-10-27T10:30']]],
  ['The Iran-Iraq war lasted for years.', [[29, 'years', 'DURATION', 'PXY']]],
  [
    'The first half of 2019 was calm, unlike the late 1990s and the mid-1980s.',
    [
      [0, 'The first half of 2019', 'DATE', '2019-H1'],
      [40, 'the late 1990s', 'DATE', '199', 'END'],
      [59, 'the mid-1980s', 'DATE', '198', 'MID'],
    ],
  ],
  [
    'Nearly two years ago he resigned; over the past two months prices rose for more than 12 weeks.',
    [
      [0, 'Nearly two years ago', 'DATE', '2018', 'APPROX'],
      [39, 'the past two months', 'DURATION', 'P2M'],
      [75, 'more than 12 weeks', 'DURATION', 'P12W', 'MORE_THAN'],
    ],
  ],
  [
    'Next year, turnout may fall; last year it rose.',
    [
      [0, 'Next year', 'DATE', '2021'],
      [29, 'last year', 'DATE', '2019'],
    ],
  ],
  [
    'Tomorrow morning the minister flies to Baghdad, he said yesterday.',
    [
      [0, 'Tomorrow morning', 'TIME', '2020-10-29TMO'],
      [56, 'yesterday', 'DATE', '2020-10-27'],
    ],
  ],
  ['He is a 17-year-old student.', []],
];

describe('time stage: table of sentences (published 2020-10-28)', () => {
  for (const [text, expected] of TABLE) {
    it(text, async () => {
      assert.deepEqual(await times(text), expected);
    });
  }
});

describe('time stage: "last October" convention', () => {
  it('said in October means the previous year', async () => {
    assert.deepEqual(await times('Last October the protests began.', '2020-10-01'), [[0, 'Last October', 'DATE', '2019-10']]);
  });
  it('said in December means this year', async () => {
    assert.deepEqual(await times('Last October the protests began.', '2020-12-15'), [[0, 'Last October', 'DATE', '2020-10']]);
  });
  it('said in September means the previous year', async () => {
    assert.deepEqual(await times('Last October the protests began.', '2020-09-15'), [[0, 'Last October', 'DATE', '2019-10']]);
  });
});

// The seed article's time expressions, paraphrased so the test runs without ../shared.
const SEED_PARAPHRASE = [
  'Large protests at the beginning of this week worry Tehran.',
  '',
  'Last October, Iraqis started their "October Revolution" against the clerics.',
  '',
  'A Tehran daily voiced alarm on October 25 about losing Iraq.',
  '',
  '"Last year, the first demonstrations targeted corruption and the failure of the government to provide services," they wrote.',
  '',
  'Tehran has spent 17 years trying to dominate Iraq, and it stretched the war out for six years after Iraq asked for peace. The West acted this year.',
].join('\n');

const SEED_EXPECTED: Array<[string, string]> = [
  ['the beginning of this week', '2020-W44'],
  ['Last October', '2019-10'],
  ['October 25', '2020-10-25'],
  ['Last year', '2019'],
  ['17 years', 'P17Y'],
  ['six years', 'P6Y'],
  ['this year', '2020'],
];

describe('time stage: seed article acceptance (published 2020-10-28)', () => {
  it('paraphrase: every time expression and value', async () => {
    const a = await analyseTimes(SEED_PARAPHRASE, '2020-10-28');
    assert.deepEqual(
      a.times.map((t) => [t.text, t.value]),
      SEED_EXPECTED,
    );
    const lastYear = a.times.find((t) => t.text === 'Last year');
    assert.equal(lastYear?.anchor, '2020-10-25');
    assert.equal(lastYear?.anchorSource, 'speech');
    assert.equal(a.times.find((t) => t.text === 'the beginning of this week')?.mod, 'START');
    // "October Revolution" is a name
    assert.equal(
      a.times.some((t) => t.text.includes('Revolution')),
      false,
    );
  });

  it('the real seed article', { skip: !existsSync(seedPath) && 'no ../shared/corpus/seed' }, async () => {
    const text = readFileSync(seedPath, 'utf8');
    const a = await analyseTimes(text, '2020-10-28');
    const got = new Map(a.times.map((t) => [t.text, t.value]));
    assert.equal(got.get('Last October'), '2019-10');
    assert.equal(got.get('October 25'), '2020-10-25');
    assert.equal(got.get('this year'), '2020');
    assert.equal(got.get('17 years'), 'P17Y');
    assert.equal(got.get('six years'), 'P6Y');
    assert.equal(got.get('the beginning of this week'), '2020-W44');
    assert.equal(got.get('Last year'), '2019');
    assert.equal(a.times.find((t) => t.text === 'Last year')?.anchorSource, 'speech');
    assert.equal(
      a.times.some((t) => /Revolution|Iran-Iraq/.test(t.text)),
      false,
    );
  });
});

describe('time stage: anchoring', () => {
  it('without a publication date relative values keep X placeholders and anchored false', async () => {
    const a = await analyseTimes('Last October the protests began; on October 25 they grew, and this year they spread. It lasted 17 years.', null);
    assert.deepEqual(
      a.times.map((t) => [t.start, t.text, t.value, t.anchored, t.anchor]),
      [
        [0, 'Last October', 'XXXX-10', false, null],
        [36, 'October 25', 'XXXX-10-25', false, null],
        [62, 'this year', 'XXXX', false, null],
        [95, '17 years', 'P17Y', true, null],
      ],
    );
  });

  it('inside a quote dated by its reporting sentence the speech date is the anchor', async () => {
    const text = 'On October 25 Keyhan wrote: "Last year the protests were against corruption, and this week they returned."';
    const a = await analyseTimes(text, '2021-01-05');
    assert.deepEqual(
      a.times.map((t) => [t.start, t.text, t.value, t.anchor, t.anchorSource]),
      [
        [3, 'October 25', '2020-10-25', '2021-01-05', 'publication'],
        [29, 'Last year', '2019', '2020-10-25', 'speech'],
        [81, 'this week', '2020-W43', '2020-10-25', 'speech'],
      ],
    );
  });

  it('a quote with no dated reporting sentence stays on the publication date', async () => {
    const a = await analyseTimes('“Last year the protests were against corruption,” they wrote.', '2021-01-05');
    assert.deepEqual(
      a.times.map((t) => [t.text, t.value, t.anchorSource]),
      [['Last year', '2020', 'publication']],
    );
  });

  it('tense picks the direction of a bare date', async () => {
    assert.deepEqual(await times('The summit will be held on Friday.', '2020-10-28'), [[27, 'Friday', 'DATE', '2020-10-30']]);
    assert.deepEqual(await times('The summit was held on Friday.', '2020-10-28'), [[23, 'Friday', 'DATE', '2020-10-23']]);
  });
});

describe('time stage: invariants', () => {
  it('every item fits the schema, spans are valid and values are TIMEX3', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            fc.constantFrom(
              'last',
              'October',
              '25',
              ',',
              '2020',
              'the',
              'beginning',
              'of',
              'this',
              'week',
              'years',
              'ago',
              'May',
              'Friday',
              'said',
              '“',
              '”',
              '"',
              '10:30',
              'p.m.',
              'mid-',
              '1980s',
              'third',
              '-',
              'quarter',
              'a',
              'year',
              'earlier',
              'nineteen',
              'ninety',
              'six',
              '😀',
              '\n\n',
              'fiscal',
              'next',
              'every',
              'current',
              'will',
            ),
            fc.string({ maxLength: 6 }),
          ),
          { maxLength: 40 },
        ),
        fc.constantFrom('2020-10-28', '2000-02-29', null),
        async (words, published) => {
          const text = words.join(' ');
          const a = await analyseTimes(text, published);
          assert.deepEqual(findSpanProblems(a.times, a.document.text), []);
          for (const t of a.times) {
            TimeSchema.parse(t);
            assert.ok(isTimexValue(t.value), `bad value ${t.value} for ${JSON.stringify(t.text)}`);
            assert.ok(t.end > t.start);
          }
          for (let k = 1; k < a.times.length; k++) assert.ok(a.times[k].start >= a.times[k - 1].end, 'times overlap');
        },
      ),
      { numRuns: 300 },
    );
  });
});
