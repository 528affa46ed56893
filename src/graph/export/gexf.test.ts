import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, test } from 'node:test';
import { DOMParser } from 'linkedom';
import { GEXF_NAMESPACE, gexfLines, toGexf } from './gexf.js';
import { hasXmllint, hazardGraph, SCHEMA_DIR, xmllint } from './test-fixtures.js';

const GEXF_RNG = path.join(SCHEMA_DIR, 'gexf-1.3', 'gexf.rng');
const XMLLINT = hasXmllint();

/** The part of a parsed element the assertions use (the project compiles without the DOM lib). */
interface XmlElement {
  getAttribute(name: string): string | null;
  querySelectorAll(selector: string): Iterable<XmlElement & { textContent: string | null }>;
}
const NO_XMLLINT = 'xmllint not installed (apt-get install libxml2-utils): schema validation skipped';

function parse(xml: string) {
  return new DOMParser().parseFromString(xml, 'text/xml');
}

/** linkedom (0.18) returns attribute values with &, < and > still escaped in XML mode; undo that quirk only. */
function attr(el: XmlElement, name: string): string | null {
  const v = el.getAttribute(name);
  return v === null ? null : v.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

describe('toGexf', () => {
  const xml = toGexf(hazardGraph(), { description: 'Test & <graph>' });

  test('validates against the official GEXF 1.3 RELAX NG grammar', { skip: XMLLINT ? false : NO_XMLLINT }, () => {
    const r = xmllint(xml, 'relaxng', GEXF_RNG);
    assert.ok(r.ok, r.output);
  });

  test('the validator rejects what GEXF 1.3 forbids (so the check above can fail)', { skip: XMLLINT ? false : NO_XMLLINT }, () => {
    assert.equal(xmllint(xml.replace('type="integer"', 'type="int"'), 'relaxng', GEXF_RNG).ok, false);
    assert.equal(xmllint(xml.replace('version="1.3"', 'version="1.2"'), 'relaxng', GEXF_RNG).ok, false);
    assert.equal(xmllint(xml.replace('<nodes ', '<nodez ').replace('</nodes>', '</nodez>'), 'relaxng', GEXF_RNG).ok, false);
  });

  test('round-trips through an XML parser with the right counts and values', () => {
    const doc = parse(xml);
    const root = doc.documentElement;
    assert.equal(root.getAttribute('xmlns'), GEXF_NAMESPACE);
    const nodes = [...doc.querySelectorAll('node')];
    const edges = [...doc.querySelectorAll('edge')];
    // 3 nodes + a placeholder for the edge endpoint "usa", which has no node.
    assert.equal(nodes.length, 4);
    assert.equal(edges.length, 4);
    assert.equal(doc.querySelector('nodes')?.getAttribute('count'), '4');
    assert.equal(attr(nodes[0], 'label'), 'Iran & "Tehran" <gov> \'s 😀');
    // Control characters and the lone surrogate are stripped, the rest kept.
    assert.equal(attr(nodes[1], 'label'), 'IRGC bell');
    assert.equal(nodes[3].getAttribute('id'), 'usa');
    const proxy = edges[0];
    assert.deepEqual(
      ['source', 'target', 'label', 'kind', 'weight'].map((a) => proxy.getAttribute(a)),
      ['org.irgc', 'iran', 'PROXY_OF', 'PROXY_OF', '2'],
    );
    const values = Object.fromEntries([...proxy.querySelectorAll('attvalue')].map((v) => [v.getAttribute('for'), v.getAttribute('value')]));
    assert.deepEqual(values, { type: 'PROXY_OF', documents: '2', independentSources: '2', firstDate: '2020-10-01', lastDate: '2020-10-28', tone: '-0.25' });
    // The repeated edge id is made unique; parallel edges of different kinds stay.
    assert.deepEqual(
      edges.map((e) => e.getAttribute('id')),
      ['org.irgc|PROXY_OF|iran', 'org.irgc|SUPPORTS|iran', 'org.irgc|SUPPORTS|iran#2', 'local:abu fadak|event:ASSAULT|usa'],
    );
  });

  test('a conformant parser (libxml2) reads the escaped label back exactly', { skip: XMLLINT ? false : NO_XMLLINT }, () => {
    const r = spawnSync('xmllint', ['--xpath', 'string(//*[local-name()="node"][1]/@label)', '-'], { input: xml, encoding: 'utf8' });
    assert.equal(r.stdout.replace(/\n$/, ''), 'Iran & "Tehran" <gov> \'s 😀');
  });

  test('declares every attribute with its GEXF type', () => {
    const doc = parse(xml);
    const decl = (cls: string) =>
      [...doc.querySelectorAll(`attributes[class="${cls}"] attribute`)].map((a) => `${a.getAttribute('id')}:${a.getAttribute('type')}`);
    assert.deepEqual(decl('node'), ['type:string', 'kbId:string', 'cameo:string', 'documents:integer', 'mentions:integer']);
    assert.deepEqual(decl('edge'), ['type:string', 'documents:integer', 'independentSources:integer', 'firstDate:string', 'lastDate:string', 'tone:double']);
  });

  test('is the concatenation of its lines, each ending in a newline, and has no clock in it', () => {
    const lines = [...gexfLines(hazardGraph(), { description: 'Test & <graph>' })];
    assert.equal(lines.join(''), xml);
    assert.ok(lines.every((l) => l.endsWith('\n')));
    assert.equal(toGexf(hazardGraph(), { description: 'Test & <graph>' }), xml);
    assert.doesNotMatch(xml, /lastmodifieddate/);
  });

  test('an empty graph is still a valid document', { skip: XMLLINT ? false : NO_XMLLINT }, () => {
    const r = xmllint(toGexf({ nodes: [], edges: [] }), 'relaxng', GEXF_RNG);
    assert.ok(r.ok, r.output);
  });
});
