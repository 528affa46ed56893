import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { packageRoot } from '../../analysis.js';
import { compileTimeLexicon, loadTimeLexicon } from './lexicon.js';

describe('time lexicon', () => {
  it('loads the shipped word lists', () => {
    const lex = loadTimeLexicon(path.join(packageRoot(), 'data'));
    assert.equal(lex.months.get('sept.'), 9);
    assert.equal(lex.weekdays.get('sunday'), 7);
    assert.ok(lex.triggers.has('october') && lex.triggers.has('years') && lex.triggers.has('now'));
    assert.ok(!lex.triggers.has('the'), 'the pre-filter must stay selective');
  });
  it('rejects duplicates, upper case keys and unknown ambiguous months', () => {
    assert.throws(() => compileTimeLexicon({ reportingVerbs: ['said', 'said'] }), /duplicate "said"/);
    assert.throws(() => compileTimeLexicon({ months: { October: 10 } }), /lower-case/);
    assert.throws(() => compileTimeLexicon({ months: { may: 5 }, ambiguousMonths: ['march'] }), /not a month/);
  });
});
