import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { InputError } from '../document/errors.js';
import { feedDate, looksLikeFeed, parseFeed, parseOpml } from './feeds.js';

// Self-written feeds.
const RSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
<channel><title>Gulf &amp; Levant Monitor</title><link>https://monitor.example/</link>
<atom:link href="https://monitor.example/feed.xml" rel="self" type="application/rss+xml"/>
<item><title><![CDATA[Rockets hit Baghdad's <Green Zone>]]></title><link>/2020/10/rockets</link>
<pubDate>Wed, 28 Oct 2020 09:15:00 +0100</pubDate>
<description>&lt;p&gt;Short&lt;/p&gt;</description>
<content:encoded><![CDATA[<p>Three rockets struck.</p><p>No one was hurt.</p>]]></content:encoded></item>
<item><title>Second</title><guid isPermaLink="true">https://monitor.example/2</guid><dc:date>2020-10-27T08:00:00Z</dc:date><description>&lt;p&gt;Militias &amp;amp; ministers&lt;/p&gt;</description></item>
<item><title>No link</title><guid isPermaLink="false">tag:monitor.example,2020:3</guid><link>javascript:alert(1)</link><pubDate>yesterday</pubDate></item>
</channel></rss>`;

const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title type="html">Desk &lt;b&gt;one&lt;/b&gt;</title>
<link rel="self" href="/feed.atom"/><link href="https://desk.example/"/>
<entry><title>A</title><link rel="edit" href="/edit/1"/><link rel="alternate" type="text/html" href="/a"/>
<updated>2020-10-28T10:00:00+02:00</updated>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Hi <b>there</b></p><p>Second paragraph.</p></div></content></entry>
<entry><title type="text">B &amp; C</title><link href="https://other.example/b"/><published>2020-10-26</published><updated>2020-10-29T00:00:00Z</updated><summary>Just text</summary></entry>
<entry><title>Escaped</title><link href="c"/><content type="html">&lt;p&gt;Tehran &amp;amp; Baghdad&lt;/p&gt;</content></entry>
</feed>`;

describe('parseFeed: RSS 2.0', () => {
  const feed = parseFeed(RSS, 'https://monitor.example/feed.xml');

  it('reads the channel', () => {
    assert.equal(feed.title, 'Gulf & Levant Monitor');
    assert.equal(feed.link, 'https://monitor.example/');
    assert.equal(feed.items.length, 3);
  });

  it('reads CDATA titles, resolves relative links, prefers content:encoded, converts dates to UTC ISO', () => {
    assert.deepEqual(feed.items[0], {
      url: 'https://monitor.example/2020/10/rockets',
      title: "Rockets hit Baghdad's <Green Zone>",
      published: '2020-10-28T08:15:00.000Z',
      html: '<p>Three rockets struck.</p><p>No one was hurt.</p>',
      text: 'Three rockets struck.\n\nNo one was hurt.',
    });
  });

  it('falls back to a permalink guid, dc:date and an escaped-HTML description', () => {
    assert.deepEqual(feed.items[1], {
      url: 'https://monitor.example/2',
      title: 'Second',
      published: '2020-10-27T08:00:00.000Z',
      html: '<p>Militias &amp; ministers</p>',
      text: 'Militias & ministers',
    });
  });

  it('drops javascript: links and non-permalink guids, and unreadable dates', () => {
    assert.deepEqual(feed.items[2], { url: null, title: 'No link', published: null });
  });

  it('resolves against the channel link when no base is given', () => {
    assert.equal(parseFeed(RSS).items[0].url, 'https://monitor.example/2020/10/rockets');
  });
});

describe('parseFeed: RSS 1.0 (RDF)', () => {
  it('reads items beside the channel', () => {
    const rdf = `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://r.example/"><title>R</title><link>https://r.example/</link></channel>
<item rdf:about="https://r.example/1"><title>One</title><link>https://r.example/1</link><dc:date>2020-10-28</dc:date></item></rdf:RDF>`;
    assert.deepEqual(parseFeed(rdf), {
      title: 'R',
      link: 'https://r.example/',
      items: [{ url: 'https://r.example/1', title: 'One', published: '2020-10-28T00:00:00.000Z' }],
    });
  });
});

describe('parseFeed: Atom', () => {
  const feed = parseFeed(ATOM, 'https://desk.example/feed.atom');

  it('reads an html title and the alternate link (not self)', () => {
    assert.equal(feed.title, 'Desk one');
    assert.equal(feed.link, 'https://desk.example/');
  });

  it('takes rel=alternate over rel=edit, xhtml content, and updated when there is no published', () => {
    assert.deepEqual(feed.items[0], {
      url: 'https://desk.example/a',
      title: 'A',
      published: '2020-10-28T08:00:00.000Z',
      html: '<p>Hi <b>there</b></p><p>Second paragraph.</p>',
      text: 'Hi there\n\nSecond paragraph.',
    });
  });

  it('prefers published over updated, and keeps a plain-text summary as text', () => {
    assert.deepEqual(feed.items[1], { url: 'https://other.example/b', title: 'B & C', published: '2020-10-26T00:00:00.000Z', text: 'Just text' });
  });

  it('unescapes html content', () => {
    assert.equal(feed.items[2].url, 'https://desk.example/c');
    assert.equal(feed.items[2].html, '<p>Tehran &amp; Baghdad</p>');
    assert.equal(feed.items[2].text, 'Tehran & Baghdad');
  });
});

describe('parseFeed: refusals and properties', () => {
  it('refuses what is not a feed', () => {
    assert.throws(
      () => parseFeed('<html><body>x</body></html>', 'https://x.example/'),
      (err: unknown) => err instanceof InputError && err.code === 'malformed' && err.reason === 'not an RSS or Atom feed (root element <html>)',
    );
  });

  it('does not expand custom entities (no billion laughs)', () => {
    const xml = '<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]><rss><channel><title>&b;</title></channel></rss>';
    assert.ok(parseFeed(xml).title.length < 10);
  });

  it('round-trips any escaped title (property)', () => {
    const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'Z', ' ', '&', '<', '>', '"', "'", 'é', '’', '😀', ';', '#') }), (title) => {
        const feed = parseFeed(`<rss><channel><title>${escapeXml(title)}</title></channel></rss>`);
        assert.equal(feed.title, title.replace(/\s+/g, ' ').trim());
      }),
    );
  });

  it('sniffs feeds', () => {
    assert.equal(looksLikeFeed(RSS), true);
    assert.equal(looksLikeFeed(ATOM), true);
    assert.equal(looksLikeFeed('<!doctype html><html></html>'), false);
  });

  it('converts dates', () => {
    assert.equal(feedDate('Tue, 10 Jun 2003 04:00:00 GMT'), '2003-06-10T04:00:00.000Z');
    assert.equal(feedDate('2003-12-13T18:30:02-05:00'), '2003-12-13T23:30:02.000Z');
    assert.equal(feedDate('soon'), null);
    assert.equal(feedDate(''), null);
  });
});

describe('parseOpml', () => {
  it('lists nested feed URLs once, absolute http(s) only', () => {
    const opml = `<?xml version="1.0"?><opml version="2.0"><head><title>Subscriptions</title></head><body>
<outline text="Middle East"><outline type="rss" text="A" xmlUrl="https://a.example/rss"/><outline xmlUrl="https://a.example/rss"/><outline xmlUrl="javascript:x"/></outline>
<outline text="B" xmlUrl="http://b.example/atom.xml" htmlUrl="http://b.example/"/><outline text="folder only"/></body></opml>`;
    assert.deepEqual(parseOpml(opml), ['https://a.example/rss', 'http://b.example/atom.xml']);
  });

  it('refuses what is not OPML', () => {
    assert.throws(() => parseOpml(RSS), /not an OPML document \(root element <rss>\)/);
  });
});
