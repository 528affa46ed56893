import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pointOf } from './resolve.js';
import { analyseTimes } from './test-helpers.js';

type Row = [start: number, text: string, type: string, value: string, mod?: string];

async function times(text: string, published: string | null = '2020-10-28'): Promise<Row[]> {
  const a = await analyseTimes(text, published);
  return a.times.map((t) => (t.mod ? [t.start, t.text, t.type, t.value, t.mod] : [t.start, t.text, t.type, t.value]));
}

// TimeML/TIMEX3 conventions added for news and earnings reports; published 2020-10-28.
const TABLE: Array<[string, string, Row[]]> = [
  [
    'time.recent-units: a vague duration',
    'Inflation has eased in recent years and prices rose in recent weeks.',
    [
      [23, 'recent years', 'DURATION', 'PXY'],
      [55, 'recent weeks', 'DURATION', 'PXW'],
    ],
  ],
  [
    'time.set-rate: a frequency is a SET, a rate of an amount is not a time',
    'The fund pays $3 million a year, and the ferry sails twice a week; airlines run six flights a week.',
    [[59, 'a week', 'SET', 'P1W']],
  ],
  ['time.unit-ago: "or so" before "ago"', 'The ceasefire broke down a week or so ago.', [[25, 'a week or so ago', 'DATE', '2020-10-21']]],
  [
    'spoken years after a month and a season',
    'The treaty was signed in January nineteen ninety-seven, after the winter of nineteen ninety-four.',
    [
      [25, 'January nineteen ninety-seven', 'DATE', '1997-01'],
      [62, 'the winter of nineteen ninety-four', 'DATE', '1994-WI'],
    ],
  ],
  ['time.the-year-named', 'Leaders promised peace by the year two thousand.', [[26, 'the year two thousand', 'DATE', '2000']]],
  [
    'time.narrative-that / time.narrative-following: anchored on the year the text named',
    'The militia was founded in 2003. That year it fought the occupation, and the following year it joined the government.',
    [
      [27, '2003', 'DATE', '2003'],
      [33, 'That year', 'DATE', '2003'],
      [73, 'the following year', 'DATE', '2004'],
    ],
  ],
  [
    'time.narrative-following: a month after the month named',
    'The envoy arrived in March 2015. The following month he met the cabinet.',
    [
      [21, 'March 2015', 'DATE', '2015-03'],
      [33, 'The following month', 'DATE', '2015-04'],
    ],
  ],
  ['time.narrative-that: without an earlier date, the anchor', 'Exports fell that year, officials said.', [[13, 'that year', 'DATE', '2020']]],
  [
    'time.latest-period / time.year-period: the quarter under report',
    'Profit rose in the third quarter. In the latest period, sales grew; the 2019 quarter was weaker.',
    [
      [15, 'the third quarter', 'DATE', '2020-Q3'],
      [37, 'the latest period', 'DATE', '2020-Q3'],
      [68, 'the 2019 quarter', 'DATE', '2019-Q3'],
    ],
  ],
  [
    'a year earlier after a nine-month period is the year before',
    'Profit rose in the third quarter. For the first nine months, sales fell from a year earlier.',
    [
      [15, 'the third quarter', 'DATE', '2020-Q3'],
      [38, 'the first nine months', 'DURATION', 'P9M'],
      [77, 'a year earlier', 'DATE', '2019'],
    ],
  ],
  [
    'time.period-year-ago / time.last-years-period',
    "Profit rose in the third quarter. Results for the same quarter last year and last year's quarter were weak.",
    [
      [15, 'the third quarter', 'DATE', '2020-Q3'],
      [46, 'the same quarter last year', 'DATE', '2019-Q3'],
      [77, "last year's quarter", 'DATE', '2019-Q3'],
    ],
  ],
  [
    'time.the-year-duration: "the year ended" is twelve months; "for the year" is this year',
    'Sales for the year ended June 30 rose, and the high for the year came in May.',
    [
      [10, 'the year', 'DURATION', 'P1Y'],
      [25, 'June 30', 'DATE', '2020-06-30'],
      [56, 'the year', 'DATE', '2020'],
      [73, 'May', 'DATE', '2020-05'],
    ],
  ],
  [
    'counts with adjectives and halves',
    'The base may stay for at least 20 more years; refugees waited 2 1/2 years and a year and a half, then eight trading days.',
    [
      [22, 'at least 20 more years', 'DURATION', 'P20Y', 'EQUAL_OR_MORE'],
      [62, '2 1/2 years', 'DURATION', 'P2Y6M'],
      [78, 'a year and a half', 'DURATION', 'P1Y6M'],
      [102, 'eight trading days', 'DURATION', 'P8D'],
    ],
  ],
  [
    '"several quarters of" is time, "a quarter of the" is a fraction',
    'Losses came after several quarters of growth and more than a quarter of the staff left.',
    [[18, 'several quarters', 'DURATION', 'PXQ']],
  ],
  ['a capitalised unit inside a sentence is a name', 'The minister spoke on "This Week" about the talks.', []],
  ['a day before a colon', 'The paper wrote on Saturday, October 24: the talks failed.', [[19, 'Saturday, October 24', 'DATE', '2020-10-24']]],
  ['time.year-ago-span', 'The firm reported losses in the year-earlier nine months.', [[28, 'the year-earlier nine months', 'DURATION', 'P9M']]],
];

describe('time conventions (TimeML/TIMEX3)', () => {
  for (const [name, text, expected] of TABLE) {
    it(name, async () => assert.deepEqual(await times(text), expected));
  }
  it('a narrative expression keeps the text date as its anchor', async () => {
    const a = await analyseTimes('The envoy arrived in March 2015. The following month he met the cabinet.', '2020-10-28');
    assert.equal(a.times[1].anchorSource, 'text');
    assert.equal(a.times[1].anchor, '2015-03');
  });
});

describe('pointOf', () => {
  it('serves a unit only from a value at least as fine', () => {
    assert.deepEqual(pointOf('1989', 'Y'), { y: 1989, m: 1, d: 1 });
    assert.equal(pointOf('1989', 'M'), null);
    assert.deepEqual(pointOf('1989-Q2', 'Q'), { y: 1989, m: 4, d: 1 });
    assert.deepEqual(pointOf('1989-04-12T10:00', 'D'), { y: 1989, m: 4, d: 12 });
    assert.equal(pointOf('P3Y', 'Y'), null);
  });
});
