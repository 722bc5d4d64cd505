import { IndexBuilderService } from '../src/database/index-builder.service';
import { createTestApp, TestApp } from './support/test-app';

// Mongoose builds indexes in the background and swallows failures; an index the engine cannot
// build (sparse, partial, TTL, text...) must fail here instead of silently in production.
describe('Indexes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('builds every model index on this engine without an error', async () => {
    const names = t.connection.modelNames();
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) {
      await expect(t.connection.model(name).createIndexes()).resolves.not.toThrow();
    }
    expect(await t.app.get(IndexBuilderService).buildAll()).toEqual([]);
  });

  it('declares only index kinds that run on MongoDB 7 and FerretDB 1.24 alike', () => {
    const forbidden = [
      'sparse',
      'partialFilterExpression',
      'expireAfterSeconds',
      '2dsphere',
      'text',
    ];
    for (const name of t.connection.modelNames()) {
      for (const [fields, options] of t.connection.model(name).schema.indexes()) {
        const used = forbidden.filter(
          (key) => key in (options ?? {}) || Object.values(fields).includes(key as never),
        );
        expect({ model: name, fields, used }).toEqual({ model: name, fields, used: [] });
      }
    }
  });
});
