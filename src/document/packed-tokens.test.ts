import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import fc from 'fast-check';
import { loadWink } from '../pipeline/segment-stage.js';
import { normalizeText } from './normalize.js';
import { packTokens, unpackTokens } from './packed-tokens.js';
import { segment, type WinkLike } from './segment.js';

let nlp: WinkLike;
before(() => {
  nlp = loadWink();
});

describe('packTokens / unpackTokens', () => {
  it('rebuilds an article’s tokens exactly, tags, kinds and spacing included', () => {
    const text = normalizeText(
      'Kata’ib Hezbollah fired rockets at the U.S. embassy in Baghdad last October, officials said.\n\n' +
        'The daily Keyhan wrote: “Iraq is our strategic depth.” An NCRI statement (issued on 3 Nov.) called the groups “proxies”.',
    );
    const { tokens } = segment(text, nlp);
    const packed = packTokens(tokens);
    assert.deepEqual(unpackTokens(packed, text), tokens);
    // A curly quote glued to the word after it: the flag must survive for both.
    const quote = tokens.findIndex((t) => t.value === '“');
    assert.ok(quote > 0);
    assert.equal(unpackTokens(packed, text)[quote].spaceBefore, tokens[quote].spaceBefore);
    // Three ints and two 16-bit codes per token: far smaller than the objects.
    assert.equal(packed.ints.length, tokens.length * 3);
    assert.ok(packed.names.includes('PROPN') && packed.names.includes('punctuation'));
  });

  it('round-trips any text wink-nlp segments (property)', () => {
    const word = fc.constantFrom('Iran', 'said', '“', '”', '"', ',', '.', 'U.S.', '17', 'years', '\n\n', ' ', 'Kata’ib', '—', 'e-mail', '😀', '#tag', '$5m');
    fc.assert(
      fc.property(fc.array(word, { maxLength: 40 }), (parts) => {
        const text = normalizeText(parts.join(' '));
        const { tokens } = segment(text, nlp);
        assert.deepEqual(unpackTokens(packTokens(tokens), text), tokens);
      }),
      { numRuns: 200 },
    );
  });
});
