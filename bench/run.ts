/**
 * `npm run bench`: prints the machine, then each bench's figures. Benches live in
 * bench/*.bench.ts and export a `Bench`; add yours to BENCHES. Figures only, no pass/fail: the
 * goals (outbound >= 95% of the limit with no 429; inbound >= 2,000 updates/s on 2 cores with
 * p99 < 20 ms) are judged by reading them.
 *
 * Each bench runs in a process of its own, with its own database and fake Telegram: a bench run
 * after another in one process inherited its heap and its JIT state (the inbound figures fell by
 * a third after the outbound bench).
 */
import { spawn } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { expiryBench } from './expiry.bench';
import { inboundBench } from './inbound.bench';
import { outboundBench } from './outbound.bench';
import { paymentsBench } from './payments.bench';
import { Bench, startBenchContext } from './support';

const BENCHES: Bench[] = [outboundBench, inboundBench, paymentsBench, expiryBench];
const ONE = 'MEMBERGATE_BENCH_ONE';

const loadAverage = (): string =>
  `${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} (1/5/15 min)`;

async function main(): Promise<void> {
  const one = BENCHES.find((b) => b.name === process.env[ONE]);
  if (one) {
    await runOne(one);
    return;
  }
  const only = process.argv.slice(2);
  const cpu = cpus();
  console.log('Machine');
  console.log(`  CPU:      ${cpu[0]?.model ?? 'unknown'}`);
  console.log(`  cores:    ${cpu.length}`);
  console.log(`  memory:   ${(totalmem() / 2 ** 30).toFixed(1)} GiB`);
  console.log(`  node:     ${process.version}`);
  console.log(`  flags:    ${process.execArgv.join(' ') || '(none)'}`);
  console.log(
    '  note:     each bench runs the app in a process of its own; the inbound bench runs',
  );
  console.log('            the fake Telegram and the load (autocannon) in further processes, all');
  console.log('            on the same cores');
  for (const bench of BENCHES.filter(
    (b) => only.length === 0 || only.some((o) => b.name.startsWith(o)),
  )) {
    await inChildProcess(bench);
  }
}

function inChildProcess(bench: Bench): Promise<void> {
  const child = spawn(process.execPath, [...process.execArgv, __filename], {
    env: { ...process.env, [ONE]: bench.name },
    stdio: 'inherit',
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${bench.name}: exit ${code}`)),
    );
  });
}

async function runOne(bench: Bench): Promise<void> {
  const ctx = await startBenchContext();
  try {
    console.log(`\n${bench.name}`);
    // Other work on the machine skews every figure; the load average says how much there was.
    console.log(`  ${'database'.padEnd(26)} ${ctx.db.engine}`);
    console.log(`  ${'load avg at start'.padEnd(26)} ${loadAverage()}`);
    const figures = await bench.run(ctx);
    for (const [name, value] of Object.entries(figures)) {
      console.log(`  ${name.padEnd(26)} ${value}`);
    }
  } finally {
    await ctx.tg.stop();
    await ctx.db.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
