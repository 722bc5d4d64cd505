import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { buildFerretDbLauncher, startEmbeddedDb, type EmbeddedDb } from './index';

const BUILD_TIMEOUT_MS = 10 * 60_000;

function portOf(uri: string): number {
  return Number(new URL(uri).port);
}

function isPortOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * Looks for the launcher by its command line rather than by connecting, so that the check cannot
 * itself disturb the process it observes (a connection makes it write to its orphaned stderr).
 */
async function launcherRunningOn(port: number): Promise<boolean> {
  const needle = `-listen-addr\x00127.0.0.1:${port}\x00`;
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) {
      continue;
    }
    const cmdline = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
    if (cmdline.includes(needle)) {
      return true;
    }
  }
  return false;
}

async function waitForLauncherGone(port: number, timeoutMs = 10_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!(await launcherRunningOn(port))) {
      return true;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

async function withClient<T>(uri: string, use: (client: MongoClient) => Promise<T>): Promise<T> {
  const client = await MongoClient.connect(uri, { serverSelectionTimeoutMS: 5_000 });
  try {
    return await use(client);
  } finally {
    await client.close();
  }
}

describe('startEmbeddedDb with FerretDB', () => {
  let dataDir: string;
  let db: EmbeddedDb | undefined;

  beforeAll(async () => {
    // A cold build compiles FerretDB (minutes); CI runs `npm run ferretdb:build` first.
    await buildFerretDbLauncher();
    dataDir = await mkdtemp(join(tmpdir(), 'embedded-db-spec-'));
  }, BUILD_TIMEOUT_MS);

  afterEach(async () => {
    await db?.stop();
    db = undefined;
  });

  afterAll(async () => {
    if (dataDir) {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('starts, answers ping and round-trips a document', async () => {
    const messages: string[] = [];
    db = await startEmbeddedDb({ dataDir, preferred: 'ferretdb', log: (m) => messages.push(m) });

    expect(db.engine).toBe('ferretdb');
    expect(db.uri).toMatch(/^mongodb:\/\/127\.0\.0\.1:\d+\/$/);
    expect(messages.join('\n')).toContain(`started ferretdb at ${db.uri}`);

    const found = await withClient(db.uri, async (client) => {
      expect(await client.db('admin').command({ ping: 1 })).toMatchObject({ ok: 1 });
      const members = client.db('spec').collection('members');
      await members.insertOne({ handle: 'alice', joinedAt: new Date('2024-01-02T03:04:05Z') });
      return members.findOne({ handle: 'alice' });
    });
    expect(found?.joinedAt).toEqual(new Date('2024-01-02T03:04:05Z'));
  });

  it('stop() kills the server, closes its port and is idempotent', async () => {
    db = await startEmbeddedDb({ dataDir, preferred: 'ferretdb' });
    const port = portOf(db.uri);
    expect(await isPortOpen(port)).toBe(true);

    await Promise.all([db.stop(), db.stop()]);
    await db.stop();

    expect(await isPortOpen(port)).toBe(false);
  });

  it('stops promptly even while a client is still connected', async () => {
    db = await startEmbeddedDb({ dataDir, preferred: 'ferretdb' });
    const client = await MongoClient.connect(db.uri);
    try {
      await client.db('spec').collection('open').insertOne({ open: true });
      const started = Date.now();
      await db.stop();
      // FerretDB alone waits 3 s for open connections; the launcher closes them itself.
      expect(Date.now() - started).toBeLessThan(2_000);
    } finally {
      await client.close(true).catch(() => undefined);
    }
  });

  // FerretDB 1.24 applies updates as read-modify-write without isolation between connections;
  // the launcher's serializing proxy is what makes these hold.
  it('applies concurrent updates from many connections atomically', async () => {
    db = await startEmbeddedDb({ dataDir, preferred: 'ferretdb' });
    await withClient(db.uri, async (client) => {
      const counters = client
        .db('spec')
        .collection<{ _id: string; n: number; status: string; by?: number }>('counters');
      await counters.insertOne({ _id: 'hits', n: 0, status: 'queued' });
      const racers = Array.from({ length: 20 }, (_, i) => i);

      await Promise.all(racers.map(() => counters.updateOne({ _id: 'hits' }, { $inc: { n: 1 } })));
      const claims = await Promise.all(
        racers.map((i) =>
          counters.updateOne(
            { _id: 'hits', status: 'queued' },
            { $set: { status: 'claimed', by: i } },
          ),
        ),
      );

      expect((await counters.findOne({ _id: 'hits' }))?.n).toBe(20);
      expect(claims.filter((r) => r.modifiedCount === 1)).toHaveLength(1);
    });
  });

  // FerretDB's own _id index is on a different SQL expression than its _id filter, so without the
  // launcher's extra index every lookup by _id scans the table (see ferretdb-launcher/idindex.go).
  it('finds documents by _id through an index, also in a collection dropped and made again', async () => {
    db = await startEmbeddedDb({ dataDir, preferred: 'ferretdb' });
    const plans = await withClient(db.uri, async (client) => {
      const coll = client.db('idindex').collection<{ _id: string }>('things');
      const plan = async (): Promise<string> => {
        await coll.insertOne({ _id: `t-${Math.random()}` });
        // EXPLAIN QUERY PLAN does not reload a connection's schema; a real query does.
        await coll.findOne({ _id: 'missing' });
        const explained = await coll.find({ _id: 'missing' }).explain();
        return JSON.stringify((explained as { queryPlanner?: unknown }).queryPlanner);
      };
      const first = await plan();
      await coll.drop();
      return [first, await plan()];
    });
    for (const p of plans) {
      expect(p).toContain('USING INDEX');
      expect(p).not.toContain('SCAN');
    }
  });

  it('keeps data across restarts on the same dataDir', async () => {
    const first = await startEmbeddedDb({ dataDir, preferred: 'ferretdb' });
    await withClient(first.uri, (client) =>
      client.db('persist').collection('plans').insertOne({ code: 'gold', priceCents: 900 }),
    );
    await first.stop();

    db = await startEmbeddedDb({ dataDir, preferred: 'ferretdb' });
    const plan = await withClient(db.uri, (client) =>
      client.db('persist').collection('plans').findOne({ code: 'gold' }),
    );
    expect(plan).toMatchObject({ code: 'gold', priceCents: 900 });
  });
});

// Reads /proc to find the server process without talking to it (see launcherRunningOn).
const describeOnLinux = process.platform === 'linux' ? describe : describe.skip;

describeOnLinux('the server does not outlive its parent', () => {
  let dataDir: string;

  beforeAll(async () => {
    await buildFerretDbLauncher();
    dataDir = await mkdtemp(join(tmpdir(), 'embedded-db-orphan-'));
  }, BUILD_TIMEOUT_MS);

  afterAll(async () => {
    if (dataDir) {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  /** Runs a Node process that starts FerretDB, prints its URI, then ends in the given way. */
  async function startInChildProcess(ending: string): Promise<{ port: number; kill: () => void }> {
    const script = `
      const { startEmbeddedDb } = require(${JSON.stringify(join(__dirname, 'index.ts'))});
      startEmbeddedDb({ dataDir: ${JSON.stringify(dataDir)}, preferred: 'ferretdb' }).then((db) => {
        console.log(db.uri);
        ${ending}
      }, (error) => { console.error(error); process.exit(2); });
    `;
    const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const uri = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const line = out.split('\n').find((l) => l.startsWith('mongodb://'));
        if (line) {
          resolve(line.trim());
        }
      });
      child.once('exit', (code) => reject(new Error(`child exited early with code ${code}`)));
    });
    return { port: portOf(uri), kill: () => child.kill('SIGKILL') };
  }

  it('kills the server when the parent exits without calling stop()', async () => {
    const { port } = await startInChildProcess('process.exit(0);');
    expect(await waitForLauncherGone(port)).toBe(true);
  }, 30_000);

  it('kills the server when the parent is SIGKILLed', async () => {
    const { port, kill } = await startInChildProcess('setInterval(() => {}, 1000);');
    expect(await launcherRunningOn(port)).toBe(true);
    kill();
    expect(await waitForLauncherGone(port)).toBe(true);
  }, 30_000);
});
