import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InputError } from '../document/errors.js';
import { readArticle, readJsonlLine } from './read-input.js';

const utf8 = (s: string) => new TextEncoder().encode(s);

const page = `<!doctype html><html lang="en"><head><title>Page title | Example</title>
<meta property="og:site_name" content="Example Monitor">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"NewsArticle","headline":"Militias warn Baghdad","datePublished":"2021-03-02T08:00:00+03:00","author":[{"@type":"Person","name":"Sara Example"}]}]}</script>
</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Militias warn Baghdad</h1><p class="byline">By Sara Example</p>
<p>Kata'ib Hezbollah warned the Iraqi government on Monday that it would not disarm, a statement posted on its channels said.</p>
<p>The group, which Washington designated in 2009, said foreign forces must leave.<br>Officials did not comment.</p>
<script>document.title = "<img src=x onerror=alert(1)>"</script></article>
<footer>© Example Monitor</footer></body></html>`;

describe('readArticle (HTML)', () => {
  it('takes title, date, author and outlet from JSON-LD and meta tags, and the text block by block', () => {
    const a = readArticle(utf8(page), 'militias.html');
    assert.equal(a.meta.title, 'Militias warn Baghdad');
    assert.equal(a.meta.published, '2021-03-02T08:00:00+03:00');
    assert.equal(a.meta.author, 'Sara Example');
    assert.equal(a.meta.source, 'Example Monitor');
    assert.equal(a.meta.language, 'en');
    // Readability drops the <h1> that repeats the title; the title stays in the metadata.
    assert.match(a.text, /^By Sara Example\n\nKata'ib Hezbollah warned/);
    assert.match(a.text, /must leave\.\nOfficials did not comment\./);
    assert.doesNotMatch(a.text, /onerror|Home|© Example/);
  });
  it('lets command-line metadata win', () => {
    const a = readArticle(utf8(page), 'militias.html', { meta: { published: '2021-03-01', source: 'cli' } });
    assert.equal(a.meta.published, '2021-03-01');
    assert.equal(a.meta.source, 'cli');
  });
});

describe('readArticle (text and Markdown)', () => {
  it('reads YAML front matter as metadata and stores only the body', () => {
    const a = readArticle(utf8('---\ntitle: Sample\npublished: 2024-01-05\nsource: Dossier samples\n---\n\nHouthi forces fired missiles.'), 'x.md');
    assert.equal(a.text, 'Houthi forces fired missiles.');
    assert.deepEqual([a.meta.title, a.meta.published, a.meta.source], ['Sample', '2024-01-05', 'Dossier samples']);
  });
  it('sniffs HTML in a .txt file', () => {
    assert.match(readArticle(utf8(page), 'saved.txt').text, /^By Sara Example\n\nKata'ib/);
  });
});

describe('readJsonlLine', () => {
  const bad: Array<[string, string, RegExp]> = [
    ['', 'empty', /empty line/],
    ['{"text": "unterminated', 'malformed', /malformed JSON/],
    ['[1,2]', 'malformed', /JSON object/],
    ['{"title":"no body"}', 'malformed', /"text" or an "html"/],
    ['{"text":"ok","published":"last week"}', 'malformed', /"published" is not an ISO date/],
    ['{"text":{"nested":true}}', 'malformed', /"text" must be a string/],
    ['{"text":"  \\u0000 "}', 'empty', /no text/],
  ];
  for (const [line, code, reason] of bad) {
    it(`refuses ${JSON.stringify(line)}`, () => {
      assert.throws(
        () => readJsonlLine(line, 'batch.jsonl:7'),
        (err: unknown) => err instanceof InputError && err.code === code && reason.test(err.message) && err.message.startsWith('batch.jsonl:7: '),
      );
    });
  }
  it('reads text, html and metadata', () => {
    const a = readJsonlLine('{"id":"x1","text":"Tehran\\r\\nsaid so.","published":"2020-10-28","source":"wire"}', 'b:1');
    assert.equal(a.text, 'Tehran\nsaid so.');
    assert.equal(a.externalId, 'x1');
    assert.equal(a.meta.published, '2020-10-28');
    const h = readJsonlLine(JSON.stringify({ html: '<p>Hezbollah warned Israel.</p>', url: 'https://example.org/a' }), 'b:2');
    assert.equal(h.text, 'Hezbollah warned Israel.');
    assert.equal(h.meta.url, 'https://example.org/a');
  });
});
