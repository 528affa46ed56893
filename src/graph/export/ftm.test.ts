import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ftmId, toFtm } from './ftm.js';
import { FTM_SCHEMATA } from './ftm-mapping.js';
import type { FtmEntity } from './ftm-types.js';
import { hazardGraph, pipelineAnalysis } from './test-fixtures.js';

async function collect(lines: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const line of lines) out.push(line);
  return out;
}

async function parseLines(lines: AsyncIterable<string>): Promise<FtmEntity[]> {
  return (await collect(lines)).map((line) => {
    assert.ok(line.endsWith('\n') && !line.slice(0, -1).includes('\n'), 'one entity per line');
    return JSON.parse(line) as FtmEntity;
  });
}

function checkShape(entities: FtmEntity[]): void {
  for (const e of entities) {
    assert.deepEqual(Object.keys(e).sort(), ['id', 'properties', 'schema']);
    assert.match(e.id, /^[0-9a-f]{40}$/);
    assert.ok((FTM_SCHEMATA as readonly string[]).includes(e.schema), e.schema);
    for (const [name, values] of Object.entries(e.properties)) {
      assert.ok(Array.isArray(values) && values.length > 0, `${e.schema}.${name}`);
      assert.ok(
        values.every((v) => typeof v === 'string' && v !== ''),
        `${e.schema}.${name}`,
      );
    }
  }
}

describe('toFtm', () => {
  test('a pipeline analysis becomes Article, actors, Mentions, Events and links with ids that resolve', async () => {
    const { analysis } = await pipelineAnalysis();
    const entities = await parseLines(toFtm([analysis]));
    checkShape(entities);
    const byId = new Map(entities.map((e) => [e.id, e]));
    assert.equal(byId.size, entities.length, 'ids are unique');

    const article = entities.find((e) => e.schema === 'Article');
    assert.ok(article);
    assert.deepEqual(article.properties.title, ['Tehran backs militias 😀']);
    assert.deepEqual(article.properties.publishedAt, ['2020-10-28']);
    assert.deepEqual(article.properties.publisher, ['Example Times']);
    assert.deepEqual(article.properties.sourceUrl, ['https://example.org/tehran-militias']);
    assert.deepEqual(article.properties.language, ['eng']);
    assert.equal(article.properties.bodyText[0], analysis.document.text);

    const khamenei = byId.get(ftmId('entity', 'person.ali-khamenei'));
    assert.equal(khamenei?.schema, 'Person');
    assert.deepEqual(khamenei?.properties.name, ['Ali Khamenei']);
    assert.deepEqual(khamenei?.properties.position, ['Supreme Leader']);
    assert.equal(byId.get(ftmId('entity', 'iran'))?.schema, 'PublicBody');
    assert.equal(byId.get(ftmId('entity', 'org.irgc'))?.schema, 'Organization');

    // Every Mention points at the Article and, for legal entities, at an actor that is in the file.
    const mentions = entities.filter((e) => e.schema === 'Mention');
    assert.ok(mentions.length >= analysis.entities.length);
    for (const m of mentions) {
      assert.deepEqual(m.properties.document, [article.id]);
      for (const r of m.properties.resolved ?? []) assert.ok(byId.has(r), 'resolved entity is exported');
      assert.ok(m.properties.name && m.properties.detectedSchema);
    }
    assert.ok(mentions.some((m) => m.properties.name[0] === 'Supreme Leader' && m.properties.resolved?.[0] === khamenei?.id));

    // Events keep their sentence, involved actors and date; every reference resolves.
    const events = entities.filter((e) => e.schema === 'Event');
    assert.equal(events.length, analysis.events.length);
    for (const ev of events) {
      assert.ok(ev.properties.name && ev.properties.summary);
      for (const id of [...(ev.properties.involved ?? []), ...(ev.properties.proof ?? [])]) assert.ok(byId.has(id));
    }
    // Links: ROLE with an organisation is a Directorship director → organization.
    for (const link of entities.filter((e) => ['Directorship', 'Membership', 'UnknownLink'].includes(e.schema))) {
      for (const p of ['director', 'member', 'organization', 'subject', 'object'])
        for (const id of link.properties[p] ?? []) assert.ok(byId.has(id), `${link.schema}.${p}`);
    }
    const roles = analysis.relations.filter((r) => r.type === 'ROLE' && r.target === 'iran' && r.source === 'person.ali-khamenei');
    if (roles.length > 0) {
      const d = entities.find((e) => e.schema === 'Directorship' && e.properties.director?.[0] === khamenei?.id);
      assert.deepEqual(d?.properties.organization, [ftmId('entity', 'iran')]);
      assert.deepEqual(d?.properties.role, ['Supreme Leader']);
    }
  });

  test('the same analysis twice writes each actor once and is deterministic', async () => {
    const { analysis } = await pipelineAnalysis();
    const once = await collect(toFtm([analysis]));
    const twice = await parseLines(toFtm([analysis, analysis]));
    assert.deepEqual(await collect(toFtm([analysis])), once);
    const actorIds = twice.filter((e) => ['Person', 'Organization', 'PublicBody', 'Address'].includes(e.schema)).map((e) => e.id);
    assert.equal(new Set(actorIds).size, actorIds.length);
  });

  test('with a graph: nodes become actors and edges become typed links with dates', async () => {
    const entities = await parseLines(toFtm([], hazardGraph()));
    checkShape(entities);
    const byId = new Map(entities.map((e) => [e.id, e]));
    assert.equal(byId.get(ftmId('entity', 'iran'))?.properties.name[0], 'Iran & "Tehran" <gov> \'s 😀');
    assert.deepEqual(byId.get(ftmId('entity', 'local:abu fadak'))?.schema, 'Person');
    const proxy = byId.get(ftmId('edge', 'org.irgc|PROXY_OF|iran'));
    assert.equal(proxy?.schema, 'UnknownLink');
    assert.deepEqual(proxy?.properties.subject, [ftmId('entity', 'org.irgc')]);
    assert.deepEqual(proxy?.properties.object, [ftmId('entity', 'iran')]);
    assert.deepEqual(proxy?.properties.role, ['proxy of']);
    assert.deepEqual(proxy?.properties.startDate, ['2020-10-01']);
    assert.deepEqual(proxy?.properties.endDate, ['2020-10-28']);
    // Event edges are written per document (with their sentence), not as links.
    assert.equal(byId.get(ftmId('edge', 'local:abu fadak|event:ASSAULT|usa')), undefined);
  });
});
