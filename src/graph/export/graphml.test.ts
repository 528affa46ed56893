import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test } from 'node:test';
import { DOMParser } from 'linkedom';
import { graphmlLines, toGraphml } from './graphml.js';
import { hasXmllint, hazardGraph, SCHEMA_DIR, xmllint } from './test-fixtures.js';

const GRAPHML_XSD = path.join(SCHEMA_DIR, 'graphml-1.0-subset.xsd');
const XMLLINT = hasXmllint();

/** The part of a parsed element the assertions use (the project compiles without the DOM lib). */
interface XmlElement {
  getAttribute(name: string): string | null;
  querySelectorAll(selector: string): Iterable<XmlElement & { textContent: string | null }>;
}
const NO_XMLLINT = 'xmllint not installed (apt-get install libxml2-utils): schema validation skipped';

describe('toGraphml', () => {
  const xml = toGraphml(hazardGraph());

  test('validates against the GraphML schema (subset XSD with reference checks)', { skip: XMLLINT ? false : NO_XMLLINT }, () => {
    const r = xmllint(xml, 'schema', GRAPHML_XSD);
    assert.ok(r.ok, r.output);
  });

  test('the validator rejects dangling edges, undeclared keys, bad types and duplicate ids', { skip: XMLLINT ? false : NO_XMLLINT }, () => {
    assert.equal(xmllint(xml.replace('target="n0"', 'target="n99"'), 'schema', GRAPHML_XSD).ok, false);
    assert.equal(xmllint(xml.replace('<data key="n_label">', '<data key="n_nope">'), 'schema', GRAPHML_XSD).ok, false);
    assert.equal(xmllint(xml.replace('attr.type="int"', 'attr.type="integer"'), 'schema', GRAPHML_XSD).ok, false);
    assert.equal(xmllint(xml.replace('<edge id="e1"', '<edge id="e0"'), 'schema', GRAPHML_XSD).ok, false);
  });

  test('round-trips through an XML parser: counts, ids, typed keys and values', () => {
    const doc = new DOMParser().parseFromString(xml, 'text/xml');
    const nodes = [...doc.querySelectorAll('node')];
    const edges = [...doc.querySelectorAll('edge')];
    assert.equal(nodes.length, 4);
    assert.equal(edges.length, 4);
    assert.equal(doc.querySelector('graph')?.getAttribute('edgedefault'), 'directed');
    const keys = Object.fromEntries(
      [...doc.querySelectorAll('key')].map((k) => [
        k.getAttribute('id'),
        `${k.getAttribute('for')}:${k.getAttribute('attr.name')}:${k.getAttribute('attr.type')}`,
      ]),
    );
    assert.equal(keys.n_documents, 'node:documents:int');
    assert.equal(keys.e_tone, 'edge:tone:double');
    assert.equal(keys.e_weight, 'edge:weight:double');
    assert.equal(keys.e_firstDate, 'edge:firstDate:string');
    // Every data element refers to a declared key of the right domain.
    for (const d of doc.querySelectorAll('node data')) assert.match(keys[d.getAttribute('key') as string], /^node:/);
    for (const d of doc.querySelectorAll('edge data')) assert.match(keys[d.getAttribute('key') as string], /^edge:/);
    const data = (el: XmlElement) => Object.fromEntries([...el.querySelectorAll('data')].map((d) => [d.getAttribute('key'), d.textContent]));
    assert.equal(data(nodes[0]).n_label, 'Iran & "Tehran" <gov> \'s 😀');
    assert.equal(data(nodes[1]).n_label, 'IRGC bell');
    assert.equal(data(nodes[2]).n_dossierId, 'local:abu fadak');
    assert.equal(data(nodes[2]).n_kbId, undefined);
    // Parallel edges between the same canonical nodes keep unique ids.
    assert.deepEqual(
      edges.map((e) => `${e.getAttribute('id')}:${e.getAttribute('source')}->${e.getAttribute('target')}`),
      ['e0:n1->n0', 'e1:n1->n0', 'e2:n1->n0', 'e3:n2->n3'],
    );
    assert.deepEqual(
      edges.map((e) => data(e).e_dossierId),
      ['org.irgc|PROXY_OF|iran', 'org.irgc|SUPPORTS|iran', 'org.irgc|SUPPORTS|iran#2', 'local:abu fadak|event:ASSAULT|usa'],
    );
    assert.equal(data(edges[0]).e_weight, '2');
    assert.equal(data(edges[0]).e_tone, '-0.25');
  });

  test('streams as lines', () => {
    const lines = [...graphmlLines(hazardGraph())];
    assert.equal(lines.join(''), xml);
    assert.ok(lines.every((l) => l.endsWith('\n')));
  });
});
