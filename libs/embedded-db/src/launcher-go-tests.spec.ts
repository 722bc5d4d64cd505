import { spawn } from 'node:child_process';
import { ferretDbLauncherPaths } from './ferretdb-build';
import { findExecutable } from './find-executable';
import { OutputTail } from './output-tail';

const GO_TEST_TIMEOUT_MS = 5 * 60_000;
// go test's own limit sits below Jest's, so a hung test ends with Go's report, not a bare timeout.
const GO_TEST_LIMIT = '4m';

/**
 * The launcher's proxy is Go; its tests (ferretdb-launcher/proxy_test.go: reads share the lock,
 * writes and anything unknown run alone) run here so that `npm test` runs every test. Go is
 * needed anyway to build the launcher the other embedded-db specs start.
 */
describe('FerretDB launcher (Go)', () => {
  it(
    'passes its own tests',
    async () => {
      const go = findExecutable('go');
      if (!go) {
        throw new Error('go is not on PATH: it builds and tests the FerretDB launcher');
      }
      const tail = new OutputTail(40);
      const code = await new Promise<number | null>((resolve, reject) => {
        // The same -trimpath and -buildvcs as the launcher's build (ferretdb-build.ts): with them
        // the two share Go's build cache, so a cold CI compiles FerretDB and SQLite once.
        const args = ['test', '-mod=readonly', '-buildvcs=false', '-trimpath'];
        const child = spawn(go, [...args, `-timeout=${GO_TEST_LIMIT}`, './...'], {
          cwd: ferretDbLauncherPaths().sourceDir,
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        child.stdout.on('data', (chunk: Buffer) => tail.push(chunk));
        child.stderr.on('data', (chunk: Buffer) => tail.push(chunk));
        child.once('error', reject);
        child.once('close', resolve);
      });
      expect({ code, output: code === 0 ? '' : tail.text() }).toEqual({ code: 0, output: '' });
    },
    GO_TEST_TIMEOUT_MS,
  );
});
