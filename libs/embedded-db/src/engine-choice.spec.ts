import { enginesToTry } from './engine-choice';

describe('enginesToTry', () => {
  it('tries mongod, then FerretDB, then mongodb-memory-server by default', () => {
    expect(enginesToTry(undefined, {})).toEqual(['mongod', 'ferretdb', 'mongodb-memory-server']);
  });

  it('uses only EMBEDDED_DB_ENGINE when set', () => {
    expect(enginesToTry(undefined, { EMBEDDED_DB_ENGINE: 'ferretdb' })).toEqual(['ferretdb']);
  });

  it('lets the preferred option win over the environment', () => {
    expect(enginesToTry('mongod', { EMBEDDED_DB_ENGINE: 'ferretdb' })).toEqual(['mongod']);
  });

  it('rejects an unknown engine name in the environment', () => {
    expect(() => enginesToTry(undefined, { EMBEDDED_DB_ENGINE: 'postgres' })).toThrow(
      /EMBEDDED_DB_ENGINE="postgres" is not one of mongod, ferretdb, mongodb-memory-server/,
    );
  });
});
