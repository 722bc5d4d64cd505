import { findFreePort, loopbackUri } from './free-port';
import { OutputTail } from './output-tail';
import { ServerProcess } from './server-process';
import { waitForPing } from './wait-for-ping';

describe('waitForPing', () => {
  it('reports a child that dies, quoting its last output, well before the timeout', async () => {
    const server = ServerProcess.spawn(
      process.execPath,
      ['-e', 'console.error("fatal: cannot open data dir"); process.exit(3)'],
      'fake-db',
    );
    const uri = loopbackUri(await findFreePort());
    const started = Date.now();

    await expect(waitForPing(uri, server, 20_000)).rejects.toThrow(
      /fake-db exited with code 3; last output:\nfatal: cannot open data dir/,
    );
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('times out with a clear message when nothing answers', async () => {
    const server = ServerProcess.spawn(
      process.execPath,
      ['-e', 'setTimeout(() => {}, 60000)'],
      'mute-db',
    );
    const uri = loopbackUri(await findFreePort());
    try {
      await expect(waitForPing(uri, server, 1_500)).rejects.toThrow(
        `mute-db did not answer ping at ${uri} within 1500 ms`,
      );
    } finally {
      await server.stop();
    }
    expect(server.hasExited).toBe(true);
  });
});

describe('OutputTail', () => {
  it('keeps only the last lines, joining chunks split mid-line', () => {
    const tail = new OutputTail(2);
    tail.push('one\ntw');
    tail.push('o\nthree\nfou');
    expect(tail.text()).toBe('two\nthree\nfou');
  });
});
