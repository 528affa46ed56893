import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseQueueUrl } from './queue-url.js';

describe('parseQueueUrl', () => {
  it('reads host, port, database and queue name, and derives the dead-letter queue and key prefix', () => {
    const t = parseQueueUrl('redis://10.0.0.5:6380/2?queue=news-en');
    assert.deepEqual(t.connection, { host: '10.0.0.5', port: 6380, db: 2, maxRetriesPerRequest: null });
    assert.equal(t.name, 'news-en');
    assert.equal(t.deadName, 'news-en-dead');
    assert.equal(t.keyPrefix, 'dossier:{news-en}');
  });

  it('defaults to port 6379, database 0 and the queue "dossier" (dead letters in "dossier-dead")', () => {
    const t = parseQueueUrl('redis://127.0.0.1');
    assert.deepEqual([t.connection.port, t.connection.db, t.name, t.deadName], [6379, 0, 'dossier', 'dossier-dead']);
  });

  it('passes credentials and TLS, and hides the password in the display form', () => {
    const t = parseQueueUrl('rediss://worker:s%40cret@redis.example:6390');
    assert.equal(t.connection.username, 'worker');
    assert.equal(t.connection.password, 's@cret');
    assert.deepEqual(t.connection.tls, {});
    assert.equal(t.display, 'rediss://worker:***@redis.example:6390');
  });

  it('refuses what is not a Redis URL or a usable queue name', () => {
    assert.throws(() => parseQueueUrl('postgres://localhost/db'), /expected a redis:\/\/ or rediss:\/\/ URL/);
    assert.throws(() => parseQueueUrl('redis://localhost?queue=a:b'), /bad queue name/);
    assert.throws(() => parseQueueUrl('redis://localhost/x'), /bad Redis database number/);
    const saved = process.env.DOSSIER_QUEUE;
    delete process.env.DOSSIER_QUEUE;
    try {
      assert.throws(() => parseQueueUrl(undefined), /no queue: pass --queue/);
    } finally {
      if (saved !== undefined) process.env.DOSSIER_QUEUE = saved;
    }
  });
});
