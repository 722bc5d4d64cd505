import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedDb } from './embedded-db';

describe('startEmbeddedDb when an engine is missing', () => {
  const originalPath = process.env.PATH;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'embedded-db-fallback-'));
  });

  afterAll(async () => {
    process.env.PATH = originalPath;
    await rm(dataDir, { recursive: true, force: true });
  });

  it('names the engine it tried and why it failed', async () => {
    process.env.PATH = '';
    try {
      await expect(startEmbeddedDb({ dataDir, preferred: 'mongod' })).rejects.toThrow(
        'could not start an embedded database; tried:\n- mongod: no mongod on PATH',
      );
    } finally {
      process.env.PATH = originalPath;
    }
  });
});
