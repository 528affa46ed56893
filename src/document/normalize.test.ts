import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { InputError } from './errors.js';
import { checkText, decodeInput, firstInvalidUtf8, normalizeText } from './normalize.js';

const bytes = (...b: number[]) => Uint8Array.from(b);
const utf8 = (s: string) => new TextEncoder().encode(s);

function refused(fn: () => unknown, code: string, pattern: RegExp): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof InputError, 'an InputError');
    assert.equal(err.code, code);
    assert.match(err.message, pattern);
    return true;
  });
}

describe('normalizeText', () => {
  const table: Array<[string, string, string]> = [
    ['strips a BOM', '\uFEFFTehran', 'Tehran'],
    ['folds CRLF and CR', 'a\r\nb\rc', 'a\nb\nc'],
    ['drops control characters but keeps tab and newline', 'a\u0000b\u0007\tc\n\u009Fd', 'ab\tc\nd'],
    ['composes to NFC', 'Qa\u0308ani', 'Q\u00e4ani'],
    ['replaces lone surrogates', 'x\uD800y', 'x\uFFFDy'],
    ['keeps emoji and RTL text', '🇮🇷 ایران', '🇮🇷 ایران'],
  ];
  for (const [name, input, expected] of table) it(name, () => assert.equal(normalizeText(input), expected));

  it('is idempotent on any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) }), (s) => {
        const once = normalizeText(s);
        assert.equal(normalizeText(once), once);
      }),
    );
  });
});

describe('decodeInput', () => {
  it('accepts UTF-8 with and without BOM and UTF-16 with BOM', () => {
    assert.equal(decodeInput(utf8('Kata’ib Hezbollah'), 'a.txt'), 'Kata’ib Hezbollah');
    assert.equal(decodeInput(bytes(0xef, 0xbb, 0xbf, 0x49, 0x72, 0x61, 0x6e), 'b.txt'), 'Iran');
    assert.equal(decodeInput(bytes(0xff, 0xfe, 0x49, 0, 0x72, 0, 0x61, 0, 0x71, 0), 'c.txt'), 'Iraq');
  });
  it('refuses empty input', () => refused(() => decodeInput(bytes(), 'e.txt'), 'empty', /^e\.txt: empty input/));
  it('refuses white space only', () => refused(() => decodeInput(utf8(' \n\t '), 'w.txt'), 'empty', /^w\.txt: no text/));
  it('refuses a NUL byte and names its offset', () => refused(() => decodeInput(utf8('abc\u0000def'), 'n.bin'), 'binary', /NUL byte at offset 3/));
  it('refuses a PDF by its magic number', () => refused(() => decodeInput(utf8('%PDF-1.7 …'), 'r.pdf'), 'binary', /PDF document/));
  it('refuses invalid UTF-8 and names the byte', () =>
    refused(() => decodeInput(bytes(0x49, 0x72, 0x61, 0x6e, 0xe9, 0x20), 'l1.txt'), 'invalid-utf8', /invalid UTF-8 at byte 4/));
  it('refuses input over the cap', () =>
    refused(() => decodeInput(utf8('x'.repeat(100)), 'big.txt', { maxBytes: 10 }), 'too-large', /over the cap of 10 bytes/));
  it('refuses text that is mostly control characters', () => refused(() => checkText('\u0001\u0002\u0003a'.repeat(40), 'ctl'), 'binary', /control characters/));
});

describe('firstInvalidUtf8', () => {
  it('agrees with a strict TextDecoder on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (b) => {
        let valid = true;
        try {
          new TextDecoder('utf-8', { fatal: true }).decode(b);
        } catch {
          valid = false;
        }
        assert.equal(firstInvalidUtf8(b) === -1, valid);
      }),
      { numRuns: 2000 },
    );
  });
  it('points at the first bad byte', () => {
    assert.equal(firstInvalidUtf8(bytes(0x61, 0xc3, 0xa9, 0xc3)), 3);
    assert.equal(firstInvalidUtf8(bytes(0xed, 0xa0, 0x80)), 0); // an encoded surrogate
  });
});
