import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { GroupWriter } from './group-writer.js';

function recorder(options = { minGroup: 4, maxGroup: 6, fillWaitMs: 200 }) {
  const groups: number[][] = [];
  const writer = new GroupWriter<number>(async (group) => {
    groups.push(group);
  }, options);
  return { groups, writer };
}

describe('GroupWriter', () => {
  it('waits for a short group to fill: items a few milliseconds apart share one write', async () => {
    const { groups, writer } = recorder();
    for (let i = 0; i < 4; i++) {
      writer.push(i);
      await sleep(5);
    }
    await sleep(20);
    assert.deepEqual(groups, [[0, 1, 2, 3]]);
  });

  it('writes a short group once the fill wait has passed, without anyone draining', async () => {
    const { groups, writer } = recorder({ minGroup: 4, maxGroup: 6, fillWaitMs: 30 });
    writer.push(1);
    writer.push(2);
    await sleep(10);
    assert.deepEqual(groups, []);
    assert.equal(writer.pending, 2);
    await sleep(120);
    assert.deepEqual(groups, [[1, 2]]);
    assert.equal(writer.pending, 0);
  });

  it('drained() flushes a short group at once, and caps a group at maxGroup', async () => {
    const { groups, writer } = recorder();
    for (let i = 0; i < 8; i++) writer.push(i);
    writer.push(8);
    const started = performance.now();
    await writer.drained();
    assert.ok(performance.now() - started < 150, 'drained waited for the fill timer');
    assert.deepEqual(groups, [
      [0, 1, 2, 3, 4, 5],
      [6, 7, 8],
    ]);
  });

  it('keeps input order across groups', async () => {
    const { groups, writer } = recorder({ minGroup: 3, maxGroup: 3, fillWaitMs: 10 });
    for (let i = 0; i < 10; i++) {
      writer.push(i);
      if (i % 4 === 0) await sleep(1);
    }
    await writer.drained();
    assert.deepEqual(groups.flat(), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    assert.ok(groups.every((g) => g.length <= 3));
  });
});
