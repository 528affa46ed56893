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
  [
    '"the fiscal year" reads like "the year"',
    'Revenue for the fiscal year rose, and margins should widen throughout the fiscal year.',
    [
      [12, 'the fiscal year', 'DATE', '2020'],
      [70, 'the fiscal year', 'DURATION', 'P1Y'],
    ],
  ],
  [
    'a past verb right before a bare date decides its direction ("ended Jan. 31" is behind)',
    'The company reported a loss in the fiscal year ended Jan. 31.',
    [
      [31, 'the fiscal year', 'DURATION', 'P1Y'],
      [53, 'Jan. 31', 'DATE', '2020-01-31'],
    ],
  ],
  [
    'decades, centuries and millennia as TimeBank writes them (E, C, L)',
    'Reactors have not been ordered in about a decade, and the city stood for centuries and for two millennia.',
    [
      [34, 'about a decade', 'DURATION', 'P1E', 'APPROX'],
      [73, 'centuries', 'DURATION', 'PXC'],
      [91, 'two millennia', 'DURATION', 'P2L'],
    ],
  ],
  [
    'time.duration-range: each number of a range is its own duration',
    'Repairs will take two to three weeks; talks lasted between two and six days.',
    [
      [18, 'two', 'DURATION', 'P2W'],
      [25, 'three weeks', 'DURATION', 'P3W'],
      [59, 'two', 'DURATION', 'P2D'],
      [67, 'six days', 'DURATION', 'P6D'],
    ],
  ],
  [
    'time.duration-half for minutes and hours',
    'The flight took a minute and a half; the debate lasted two and a half hours.',
    [
      [16, 'a minute and a half', 'DURATION', 'PT1M30S'],
      [55, 'two and a half hours', 'DURATION', 'PT2H30M'],
    ],
  ],
  [
    'time.daypart / time.daypart-day: "mid afternoon", "mid-afternoon yesterday"',
    'By mid afternoon the shelling had stopped. Prices rose at mid-afternoon yesterday.',
    [
      [3, 'mid afternoon', 'TIME', '2020-10-28TAF', 'MID'],
      [58, 'mid-afternoon yesterday', 'TIME', '2020-10-27TAF', 'MID'],
    ],
  ],
  [
    'time.daypart: "in the morning" is on the day the narrative is on',
    'Markets fell on Friday. Traders sold heavily in the morning and bought late afternoon Monday.',
    [
      [16, 'Friday', 'DATE', '2020-10-23'],
      [48, 'the morning', 'TIME', '2020-10-23TMO'],
      [71, 'late afternoon Monday', 'TIME', '2020-10-26TAF', 'END'],
    ],
  ],
  ['"set to" points forward', 'The talks are set to resume Monday in Geneva.', [[28, 'Monday', 'DATE', '2020-11-02']]],
  ['"had been due to" is a future seen from the past', 'The talks had been due to resume Monday in Geneva.', [[33, 'Monday', 'DATE', '2020-10-26']]],
  [
    'time.set-weekday-part: "Monday and Tuesday nights" is two sets',
    'Two ferries sail on Monday and Tuesday nights, and a third on Thursday mornings.',
    [
      [20, 'Monday', 'SET', 'XXXX-WXX-1TNI'],
      [31, 'Tuesday nights', 'SET', 'XXXX-WXX-2TNI'],
      [62, 'Thursday mornings', 'SET', 'XXXX-WXX-4TMO'],
    ],
  ],
  ['time.then-current', 'Holders may buy shares at half the then current price.', [[35, 'then current', 'DATE', 'PAST_REF']]],
  [
    'time.recent: the adjective is the past; "most recent" and "recent years" are not it',
    'Following the recent sale of its unit, a recent filing showed, the most recent data and recent years differ.',
    [
      [14, 'recent', 'DATE', 'PAST_REF'],
      [41, 'recent', 'DATE', 'PAST_REF'],
      [88, 'recent years', 'DURATION', 'PXY'],
    ],
  ],
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
