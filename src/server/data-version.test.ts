import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Store } from '../store/store.js';
import { DataVersion } from './data-version.js';

describe('DataVersion', () => {
  it('asks the store at most once per interval, and at once after a local write', async () => {
    let asked = 0;
    let stored = 'v1';
    const store = {
      dataVersion: async () => {
        asked++;
        return stored;
      },
    } as unknown as Store;
    let now = 0;
    const version = new DataVersion(store, 1000, () => now);
    assert.equal(await version.current(), 'v1/0');
    stored = 'v2';
    now = 999;
    // Another process wrote: not seen until the interval is over.
    assert.equal(await version.current(), 'v1/0');
    assert.equal(asked, 1);
    now = 1000;
    assert.equal(await version.current(), 'v2/0');
    version.changed();
    // A write through this server shows at once, even when the store's key did not move.
    assert.equal(await version.current(), 'v2/1');
    assert.equal(asked, 3);
  });
});
