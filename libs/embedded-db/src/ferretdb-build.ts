import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { EngineUnavailableError } from './engine-unavailable.error';
import { findExecutable, isExecutableFile } from './find-executable';
import { OutputTail } from './output-tail';
import { findRepoRoot } from './repo-root';

export interface FerretDbLauncherPaths {
  sourceDir: string;
  cacheDir: string;
}

export function ferretDbLauncherPaths(repoRoot = findRepoRoot()): FerretDbLauncherPaths {
  return {
    sourceDir: join(repoRoot, 'libs', 'embedded-db', 'ferretdb-launcher'),
    cacheDir: join(repoRoot, '.cache', 'ferretdb'),
  };
}

/** Keyed by source content so that editing the launcher or bumping FerretDB rebuilds it. */
export async function launcherBinaryPath(paths = ferretDbLauncherPaths()): Promise<string> {
  const hash = createHash('sha256');
  for (const file of await launcherSources(paths.sourceDir)) {
    hash
      .update(file)
      .update('\0')
      .update(await readFile(join(paths.sourceDir, file)));
  }
  // The cache folder is per checkout, but a checkout can be shared with a container or VM.
  hash.update(`${process.platform}-${process.arch}`);
  const suffix = process.platform === 'win32' ? '.exe' : '';
  return join(paths.cacheDir, `ferretdb-launcher-${hash.digest('hex').slice(0, 16)}${suffix}`);
}

async function launcherSources(sourceDir: string): Promise<string[]> {
  // Tests are not part of the binary: editing one must not force a rebuild.
  const goFiles = (await readdir(sourceDir))
    .filter((f) => f.endsWith('.go') && !f.endsWith('_test.go'))
    .sort();
  return ['go.mod', 'go.sum', ...goFiles];
}

const inFlight = new Map<string, Promise<string>>();

/**
 * Builds the FerretDB launcher once per source hash and returns the binary path. The first build
 * compiles FerretDB and a pure-Go SQLite, which takes minutes; later calls return the cached file.
 */
export async function buildFerretDbLauncher(log: (m: string) => void = () => {}): Promise<string> {
  const paths = ferretDbLauncherPaths();
  const binary = await launcherBinaryPath(paths);
  if (isExecutableFile(binary)) {
    return binary;
  }

  let build = inFlight.get(binary);
  if (!build) {
    build = compile(paths, binary, log).finally(() => inFlight.delete(binary));
    inFlight.set(binary, build);
  }
  return build;
}

async function compile(
  paths: FerretDbLauncherPaths,
  binary: string,
  log: (m: string) => void,
): Promise<string> {
  const go = findExecutable('go');
  if (!go) {
    throw new EngineUnavailableError(
      `go is not on PATH and no prebuilt launcher exists at ${binary}`,
    );
  }
  await mkdir(paths.cacheDir, { recursive: true });
  // Another process (a parallel test run) may build the same hash: each writes its own temp
  // file and the rename makes whichever finishes last win atomically.
  const temp = `${binary}.tmp-${process.pid}`;
  log(`embedded-db: building FerretDB launcher into ${binary} (first build takes minutes)`);
  const started = Date.now();
  try {
    await runGoBuild(go, paths.sourceDir, temp);
    await rename(temp, binary);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await writeFile(join(paths.cacheDir, '.gitignore'), '*\n');
  await pruneOtherLaunchers(paths.cacheDir, binary);
  log(`embedded-db: FerretDB launcher built in ${Math.round((Date.now() - started) / 1000)} s`);
  return binary;
}

/** Each launcher is ~25 MB; older builds are never used again once the sources changed. */
async function pruneOtherLaunchers(cacheDir: string, keep: string): Promise<void> {
  const launcher = /^ferretdb-launcher-[0-9a-f]{16}(\.exe)?$/;
  const stale = (await readdir(cacheDir)).filter((f) => launcher.test(f) && f !== basename(keep));
  await Promise.all(stale.map((f) => rm(join(cacheDir, f), { force: true })));
}

function runGoBuild(go: string, sourceDir: string, output: string): Promise<void> {
  // -mod=readonly: the committed go.sum is the source of truth; a build must not rewrite it.
  // -buildvcs=false: stamping git state fails in some checkouts and would change nothing here.
  const args = [
    'build',
    '-mod=readonly',
    '-buildvcs=false',
    '-trimpath',
    '-ldflags=-s -w',
    '-o',
    output,
    '.',
  ];
  const tail = new OutputTail(40);
  return new Promise((resolve, reject) => {
    const child = spawn(go, args, { cwd: sourceDir, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk: Buffer) => tail.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => tail.push(chunk));
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (code === 0) {
        return resolve();
      }
      const how = signal ? `signal ${signal}` : `code ${String(code)}`;
      reject(
        new Error(`go ${args.join(' ')} (in ${sourceDir}) failed with ${how}:\n${tail.text()}`),
      );
    });
  });
}
