import { sleep } from '@app/common';
import { JobSchedulerService } from '../src/leases/job-scheduler.service';
import { LeaseService } from '../src/leases/lease.service';
import { JobLeaseRepository } from '../src/leases/job-lease.repository';
import { createTestApp, TestApp, uniqueDbName } from './support/test-app';

describe('Job leases across two application instances', () => {
  const dbName = uniqueDbName('leases');
  let a: TestApp;
  let b: TestApp;
  let aClosed = false;

  beforeAll(async () => {
    a = await createTestApp({ dbName, env: { CRON_ENABLED: 'true' } });
    b = await createTestApp({ dbName, env: { CRON_ENABLED: 'true' } });
  });
  afterAll(async () => {
    await b.connection.dropDatabase();
    await Promise.all([aClosed ? undefined : a.app.close(), b.close()]);
  });

  it('never runs a scheduled job on both instances at once, and hands it over when its owner stops', async () => {
    let active = 0;
    let maxActive = 0;
    const runsBy = new Map<string, number>();
    let aStopped = false;
    const runsOfBAfterAStopped = { count: 0 };
    const jobFor = (t: TestApp) => {
      const owner = t.app.get(LeaseService).instanceId;
      return async () => {
        active += 1;
        maxActive = Math.max(maxActive, active);
        runsBy.set(owner, (runsBy.get(owner) ?? 0) + 1);
        if (aStopped && t === b) {
          runsOfBAfterAStopped.count += 1;
        }
        await sleep(30);
        active -= 1;
      };
    };
    for (const t of [a, b]) {
      t.app
        .get(JobSchedulerService)
        .register({ name: 'test.overlap', everyMs: 10, leaseTtlMs: 5_000, run: jobFor(t) });
    }
    await sleep(1_500);
    expect(maxActive).toBe(1);
    const totalBefore = [...runsBy.values()].reduce((x, y) => x + y, 0);
    expect(totalBefore).toBeGreaterThan(3);

    // Stopping A must hand the lease over at once, not after its 5 s TTL.
    await a.app.close();
    aClosed = true;
    aStopped = true;
    await sleep(1_000);
    expect(runsOfBAfterAStopped.count).toBeGreaterThan(2);
    expect(maxActive).toBe(1);
  });
});

describe('Lease acquisition under contention', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('gives a free lease to exactly one of many simultaneous callers', async () => {
    const repo = t.app.get(JobLeaseRepository);
    for (let round = 0; round < 5; round += 1) {
      const now = new Date();
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          repo.tryAcquire({ name: `test.race${round}`, owner: `o${i}`, now, ttlMs: 10_000 }),
        ),
      );
      expect(results.filter((r) => r !== undefined)).toHaveLength(1);
    }
  });
});

describe('Lease takeover after a crash', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('takes over a lease whose owner died without releasing it, once its TTL has passed', async () => {
    const repo = t.app.get(JobLeaseRepository);
    const leases = t.app.get(LeaseService);
    const crashedAt = new Date();
    expect(
      await repo.tryAcquire({
        name: 'test.crash',
        owner: 'crashed-instance',
        now: crashedAt,
        ttlMs: 400,
      }),
    ).toBeDefined();

    const early = await leases.runExclusive('test.crash', { ttlMs: 1_000 }, () =>
      Promise.resolve('ran'),
    );
    expect(early).toEqual({ ran: false });

    await sleep(450);
    const late = await leases.runExclusive('test.crash', { ttlMs: 1_000 }, () =>
      Promise.resolve('ran'),
    );
    expect(late).toEqual({ ran: true, result: 'ran' });
    const [view] = (await leases.list()).filter((l) => l.name === 'test.crash');
    expect(view).toMatchObject({ owner: leases.instanceId, outcome: 'ok', generation: 2 });
  });

  it('renews a lease while a long job runs, so nobody else takes it', async () => {
    const repo = t.app.get(JobLeaseRepository);
    const leases = t.app.get(LeaseService);
    const long = leases.runExclusive('test.long', { ttlMs: 150 }, () =>
      sleep(600).then(() => 'done'),
    );
    await sleep(400); // well past the TTL: only renewal keeps it ours
    expect(
      await repo.tryAcquire({ name: 'test.long', owner: 'intruder', now: new Date(), ttlMs: 100 }),
    ).toBeUndefined();
    await expect(long).resolves.toEqual({ ran: true, result: 'done' });
  });
});
