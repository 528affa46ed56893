import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { findQuotedSpans } from './quote-marks.js';

test('curly marks: content without the marks', () => {
  const text = 'He said: “Go home.” Then he left.';
  const [s] = findQuotedSpans(text);
  assert.deepEqual(s, { open: 9, close: 18, start: 10, end: 18, group: 0, closed: true, closeLength: 1 });
  assert.equal(text.slice(s.start, s.end), 'Go home.');
});

test('straight marks pair open/close by position', () => {
  const text = 'The "deal" was "a disaster," he said.';
  const spans = findQuotedSpans(text).map((s) => text.slice(s.start, s.end));
  assert.deepEqual(spans, ['deal', 'a disaster,']);
});

test("typewriter '' marks of wire copy", () => {
  const text = "''We have started,'' Mr. Manafort said.";
  const [s] = findQuotedSpans(text);
  assert.equal(text.slice(s.start, s.end), 'We have started,');
  assert.equal(s.closeLength, 2);
});

test('a quotation of several paragraphs is one group; the mark is repeated on each paragraph', () => {
  const text = '“First paragraph goes on.\n\n“Second paragraph ends it.” Done.';
  const spans = findQuotedSpans(text);
  assert.equal(spans.length, 2);
  assert.deepEqual(
    spans.map((s) => [text.slice(s.start, s.end), s.group, s.closed]),
    [
      ['First paragraph goes on.', 0, false],
      ['Second paragraph ends it.', 0, true],
    ],
  );
});

test('an unclosed mark not continued on the next paragraph is dropped', () => {
  assert.deepEqual(findQuotedSpans('He said “stray mark here.\n\nNext paragraph.'), []);
});

test('nested single quotes stay inside the outer quotation', () => {
  const text = '“They call it ‘the axis’ now,” she said.';
  const [s] = findQuotedSpans(text);
  assert.equal(text.slice(s.start, s.end), 'They call it ‘the axis’ now,');
});

test('property: spans are valid, ordered and non-overlapping', () => {
  fc.assert(
    fc.property(fc.string({ unit: fc.constantFrom('a', ' ', '"', '“', '”', "'", '\n', '.', ',', '😀') }), (text) => {
      const spans = findQuotedSpans(text);
      let last = -1;
      for (const s of spans) {
        assert.ok(s.open < s.start && s.start < s.end && s.end <= s.close && s.close <= text.length);
        assert.ok(s.open > last);
        last = s.close;
      }
    }),
  );
});
