/**
 * `npm run bench`: prints the machine, then each bench's figures. Benches live in
 * bench/*.bench.ts and export a `Bench`; add yours to BENCHES. Figures only, no pass/fail: the
 * goals (outbound >= 95% of the limit with no 429; inbound >= 2,000 updates/s on 2 cores with
 * p99 < 20 ms) are judged by reading them.
 */
import { cpus, loadavg, totalmem } from 'node:os';
import { expiryBench } from './expiry.bench';
import { inboundBench } from './inbound.bench';
import { outboundBench } from './outbound.bench';
import { paymentsBench } from './payments.bench';
import { Bench, startBenchContext } from './support';

const BENCHES: Bench[] = [outboundBench, inboundBench, paymentsBench, expiryBench];

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const ctx = await startBenchContext();
  try {
    const cpu = cpus();
    console.log('Machine');
    console.log(`  CPU:      ${cpu[0]?.model ?? 'unknown'}`);
    console.log(`  cores:    ${cpu.length}`);
    console.log(`  memory:   ${(totalmem() / 2 ** 30).toFixed(1)} GiB`);
    console.log(`  node:     ${process.version}`);
    console.log(`  database: ${ctx.db.engine}`);
    // Other work on the machine skews every figure; the load average says how much there was.
    console.log(
      `  load avg: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')} (1/5/15 min)`,
    );
    console.log(`  flags:    ${process.execArgv.join(' ') || '(none)'}`);
    console.log(
      '  note:     the app runs in this process; the inbound bench runs the fake Telegram and',
    );
    console.log('            the load (autocannon) in processes of their own, on the same cores');
    for (const bench of BENCHES.filter(
      (b) => only.length === 0 || only.some((o) => b.name.startsWith(o)),
    )) {
      console.log(`\n${bench.name}`);
      const figures = await bench.run(ctx);
      for (const [name, value] of Object.entries(figures)) {
        console.log(`  ${name.padEnd(26)} ${value}`);
      }
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
