import { TelegramFakeServer } from '@app/telegram-fake';
import { OutboxAttemptRepository } from '../src/outbox/outbox-attempt.repository';
import { OutboxJobRepository } from '../src/outbox/outbox-job.repository';
import { OutboxService } from '../src/outbox/outbox.service';
import { TEXT_NOT_KEPT } from '../src/outbox/telegram/telegram-outbox.executors';
import { TelegramGateway } from '../src/telegram/telegram.gateway';
import { createTelegramTestApp, TelegramTestApp } from './support/telegram-fake';
import {
  drainUntilFinished,
  MovableClock,
  okCalls,
  OutboxEventProbe,
  OutboxEventProbeModule,
  startedUsers,
} from './support/telegram-outbox';

describe('Outbox with Telegram', () => {
  let tg: TelegramFakeServer;
  let t: TelegramTestApp;
  let outbox: OutboxService;
  let probe: OutboxEventProbe;
  const clock = new MovableClock();

  beforeAll(async () => {
    tg = await TelegramFakeServer.start();
    t = await createTelegramTestApp({
      tg,
      mode: 'webhook',
      clock,
      // Retries here follow the moved clock; Telegram's 1 message/s per chat would defer them.
      env: { OUTBOX_MAX_ATTEMPTS: '3', TELEGRAM_RATE_PRIVATE_CHAT_PER_SECOND: '30' },
      extraImports: [OutboxEventProbeModule],
    });
    outbox = t.app.get(OutboxService);
    probe = t.app.get(OutboxEventProbe);
  });
  afterAll(async () => {
    await t.close();
    await tg.stop();
  });

  it('sends an enqueued message, stores the result and announces it', async () => {
    const [user] = startedUsers(tg, t.botToken, 1);
    const { job, created } = await outbox.enqueue({
      kind: 'sendMessage',
      payload: { chatId: user, text: 'Your access is ready' },
      idempotencyKey: `welcome:${user}`,
      correlation: { paymentId: `pay_${user}` },
    });
    expect(created).toBe(true);
    expect(job).toMatchObject({ status: 'pending', attempts: 0, chatKey: `tg:${user}` });

    const report = await outbox.dispatchDue();
    expect(report).toMatchObject({ claimed: 1, done: 1 });
    const stored = await outbox.getByKey(`welcome:${user}`);
    const [sent] = tg.messagesTo(user);
    expect(sent.text).toBe('Your access is ready');
    expect(stored).toMatchObject({
      status: 'done',
      attempts: 1,
      failures: 0,
      result: { messageId: sent.message_id, chatId: user },
    });
    expect(probe.of(job.id)).toEqual(['outbox.job_done']);
    expect(await outbox.findByCorrelation({ paymentId: `pay_${user}` })).toEqual([stored]);
  });

  it('keeps no text of a delivered message, only whom it went to', async () => {
    const [user] = startedUsers(tg, t.botToken, 1);
    const key = `login-code:${user}`;
    await outbox.enqueue({
      kind: 'sendMessage',
      payload: {
        chatId: user,
        text: 'Your login code: 493817',
        buttonRows: [{ buttons: [{ text: 'Open', url: 'https://example.com/x' }] }],
      },
      idempotencyKey: key,
    });
    await drainUntilFinished(outbox, key);

    const [sent] = tg.messagesTo(user);
    expect(sent.text).toBe('Your login code: 493817');
    expect(sent.reply_markup?.inline_keyboard).toEqual([
      [{ text: 'Open', url: 'https://example.com/x' }],
    ]);
    const stored = await t.app.get(OutboxJobRepository).findByKey(key);
    expect(stored).toMatchObject({
      status: 'done',
      payload: { chatId: user, text: TEXT_NOT_KEPT },
    });
    expect(JSON.stringify(stored)).not.toContain('493817');
    expect(JSON.stringify(stored)).not.toContain('example.com');
  });

  it('keeps the text of a message that could not be delivered, for a re-delivery', async () => {
    const [user] = startedUsers(tg, t.botToken, 1);
    tg.blockBot(user, { bot: t.botToken });
    const key = `blocked-notice:${user}`;
    await outbox.enqueue({
      kind: 'sendMessage',
      payload: { chatId: user, text: 'Your access ends tomorrow' },
      idempotencyKey: key,
    });
    await drainUntilFinished(outbox, key);

    expect(await t.app.get(OutboxJobRepository).findByKey(key)).toMatchObject({
      status: 'failed',
      payload: { chatId: user, text: 'Your access ends tomorrow' },
    });
  });

  it('sends once when the same business event is enqueued twice', async () => {
    const [user] = startedUsers(tg, t.botToken, 1);
    const input = {
      kind: 'sendMessage' as const,
      payload: { chatId: user, text: 'Paid, thank you' },
      idempotencyKey: `receipt:${user}`,
    };
    const first = await outbox.enqueue(input);
    const second = await outbox.enqueue({ ...input, payload: { chatId: user, text: 'again' } });
    expect(second).toEqual({ job: first.job, created: false });

    await drainUntilFinished(outbox, input.idempotencyKey);
    await outbox.dispatchDue();
    expect(tg.messagesTo(user).map((m) => m.text)).toEqual(['Paid, thank you']);
  });

  it('creates an invite link and lets the caller read it back', async () => {
    const chat = tg.createChat({ type: 'channel', title: 'Outbox links' });
    tg.setBotRights(chat.id, t.botToken, { can_invite_users: true });
    await outbox.enqueue({
      kind: 'createInviteLink',
      payload: { chatId: chat.id, name: 'order-1', memberLimit: 1 },
      idempotencyKey: `link:${chat.id}`,
    });
    const job = await drainUntilFinished(outbox, `link:${chat.id}`);
    const [link] = tg.inviteLinks(chat.id).filter((l) => l.name === 'order-1');
    expect(job.result).toEqual({
      inviteLink: link.invite_link,
      name: 'order-1',
      memberLimit: 1,
      createsJoinRequest: false,
    });
  });

  it('counts approving a user who is already in the chat as done', async () => {
    const chat = tg.createChat({ type: 'supergroup', title: 'Outbox approvals' });
    tg.setBotRights(chat.id, t.botToken, { can_invite_users: true });
    const [user] = startedUsers(tg, t.botToken, 1);
    tg.addMember(chat.id, user);
    tg.injectFault({
      method: 'approveChatJoinRequest',
      chatId: chat.id,
      error: { code: 400, description: 'Bad Request: USER_ALREADY_PARTICIPANT' },
      times: 1,
    });
    await outbox.enqueue({
      kind: 'approveJoinRequest',
      payload: { chatId: chat.id, userId: user },
      idempotencyKey: `approve:${chat.id}:${user}`,
    });
    const job = await drainUntilFinished(outbox, `approve:${chat.id}:${user}`);
    expect(job).toMatchObject({ status: 'done', result: { alreadyDone: true }, failures: 0 });
  });

  it('absorbs a 429 storm, trying again only after retry_after', async () => {
    const [user] = startedUsers(tg, t.botToken, 1);
    tg.injectFault({
      method: 'sendMessage',
      chatId: user,
      error: { code: 429, retryAfter: 1 },
      times: 2,
    });
    await outbox.enqueue({
      kind: 'sendMessage',
      payload: { chatId: user, text: 'after the storm' },
      idempotencyKey: `storm:${user}`,
    });
    const job = await drainUntilFinished(outbox, `storm:${user}`);

    expect(job).toMatchObject({ status: 'done', throttled: 2, failures: 0, attempts: 3 });
    const calls = tg.calls('sendMessage').filter((c) => Number(c.params.chat_id) === user);
    expect(calls.map((c) => c.error_code ?? 200)).toEqual([429, 429, 200]);
    expect(calls[1].at - calls[0].at).toBeGreaterThanOrEqual(1_000);
    expect(calls[2].at - calls[1].at).toBeGreaterThanOrEqual(1_000);
  });

  it('fails a permanent refusal at once and never retries it', async () => {
    const stranger = tg.createUser().id; // never pressed START: 403 can't initiate
    const { job } = await outbox.enqueue({
      kind: 'sendMessage',
      payload: { chatId: stranger, text: 'hello?' },
      idempotencyKey: `stranger:${stranger}`,
    });
    const failed = await drainUntilFinished(outbox, `stranger:${stranger}`);
    clock.advance(60 * 60_000);
    await outbox.dispatchDue();
    clock.advance(-60 * 60_000);

    expect(failed).toMatchObject({ status: 'failed', attempts: 1, failures: 0 });
    expect(failed.lastError).toMatch(/^CANT_INITIATE: 403/);
    expect(tg.calls('sendMessage').filter((c) => c.params.chat_id === stranger)).toHaveLength(1);
    expect(probe.of(job.id)).toEqual(['outbox.job_failed']);
  });

  it('backs off on transient errors and declares the job dead after OUTBOX_MAX_ATTEMPTS', async () => {
    const [user] = startedUsers(tg, t.botToken, 1);
    tg.injectFault({ method: 'sendMessage', chatId: user, error: { code: 502 } });
    const { job } = await outbox.enqueue({
      kind: 'sendMessage',
      payload: { chatId: user, text: 'never arrives' },
      idempotencyKey: `flaky:${user}`,
    });
    await outbox.dispatchDue();
    const first = await outbox.getByKey(`flaky:${user}`);
    expect(first).toMatchObject({ status: 'pending', failures: 1 });
    expect(first!.nextAttemptAt.getTime() - first!.updatedAt.getTime()).toBe(5_000);

    await outbox.dispatchDue();
    expect((await outbox.getByKey(`flaky:${user}`))?.failures).toBe(1); // not due yet
    clock.advance(5_000);
    await outbox.dispatchDue();
    const second = await outbox.getByKey(`flaky:${user}`);
    expect(second!.nextAttemptAt.getTime() - second!.updatedAt.getTime()).toBe(10_000);
    clock.advance(10_000);
    await outbox.dispatchDue();

    const dead = await outbox.getByKey(`flaky:${user}`);
    expect(dead).toMatchObject({ status: 'dead', failures: 3, attempts: 3 });
    expect(dead?.lastError).toMatch(/^TELEGRAM_UNAVAILABLE: 502/);
    expect(probe.of(job.id)).toEqual(['outbox.job_dead']);
    tg.clearFaults();
  });

  it('retries a dead job on request with a fresh set of attempts', async () => {
    const stranger = tg.createUser().id;
    await outbox.enqueue({
      kind: 'sendMessage',
      payload: { chatId: stranger, text: 'second chance' },
      idempotencyKey: `retry-now:${stranger}`,
    });
    const failed = await drainUntilFinished(outbox, `retry-now:${stranger}`);
    expect(failed.status).toBe('failed');
    startedUsers(tg, t.botToken, 0);
    tg.core.chats.ensureDialog(tg.core.bot(t.botToken).id, stranger).started = true;

    const requeued = await outbox.retryNow(failed.id);
    expect(requeued).toMatchObject({ status: 'pending', maxAttempts: 3 });
    const done = await drainUntilFinished(outbox, `retry-now:${stranger}`);
    expect(done).toMatchObject({ status: 'done', attempts: 3 });
    await expect(outbox.retryNow(done.id)).rejects.toMatchObject({ code: 'OUTBOX_JOB_DONE' });
    await expect(outbox.retryNow('000000000000000000000000')).rejects.toMatchObject({
      code: 'OUTBOX_JOB_NOT_FOUND',
    });
  });

  it('reports the backlog, the age of the oldest due job and counts per status', async () => {
    const [user] = startedUsers(tg, t.botToken, 1);
    await outbox.enqueue({
      kind: 'sendMessage',
      payload: { chatId: user, text: 'waiting' },
      idempotencyKey: `stats:${user}`,
    });
    clock.advance(2_000);
    const stats = await outbox.stats();
    clock.advance(-2_000);
    expect(stats.backlog).toBeGreaterThanOrEqual(1);
    expect(stats.oldestDueAgeMs).toBeGreaterThanOrEqual(2_000);
    expect(stats.byStatus).toMatchObject({ done: expect.any(Number), failed: expect.any(Number) });
    expect(stats.byStatus.dead).toBeGreaterThanOrEqual(1);
    await drainUntilFinished(outbox, `stats:${user}`);
  });

  it('takes over a job whose worker died mid-attempt, once its lock has run out', async () => {
    const [user] = startedUsers(tg, t.botToken, 1);
    const { job } = await outbox.enqueue({
      kind: 'sendMessage',
      payload: { chatId: user, text: 'recovered' },
      idempotencyKey: `crash:${user}`,
    });
    // A worker claims attempt 1, marks the job sending, and dies before calling Telegram.
    const past = new Date(clock.now().getTime() - 1_000);
    await t.app.get(OutboxAttemptRepository).tryClaim({
      jobId: job.id,
      attempt: 1,
      owner: 'crashed-instance',
      chatKey: job.chatKey,
      rateClass: job.rateClass,
      claimedAt: past,
      lockedUntil: past,
    });
    await t.app.get(OutboxJobRepository).update(job.id, {
      status: 'sending',
      attempts: 1,
      owner: 'crashed-instance',
      lockedUntil: past,
      updatedAt: past,
    });

    const report = await outbox.reclaimStuck();
    expect(report).toMatchObject({ claimed: 1, done: 1 });
    expect(await outbox.getByKey(`crash:${user}`)).toMatchObject({
      status: 'done',
      attempts: 2,
      failures: 1,
    });
    expect(okCalls(tg, 'sendMessage', user)).toBe(1);
  });

  it('skips a claim whose claimant died before recording it on the job', async () => {
    const [user] = startedUsers(tg, t.botToken, 1);
    const { job } = await outbox.enqueue({
      kind: 'sendMessage',
      payload: { chatId: user, text: 'after a half claim' },
      idempotencyKey: `half-claim:${user}`,
    });
    const past = new Date(clock.now().getTime() - 1_000);
    await t.app.get(OutboxAttemptRepository).tryClaim({
      jobId: job.id,
      attempt: 1,
      owner: 'crashed-instance',
      chatKey: job.chatKey,
      rateClass: job.rateClass,
      claimedAt: past,
      lockedUntil: past,
    });
    await drainUntilFinished(outbox, `half-claim:${user}`);
    expect(await outbox.getByKey(`half-claim:${user}`)).toMatchObject({
      status: 'done',
      attempts: 2,
    });
    expect(okCalls(tg, 'sendMessage', user)).toBe(1);
  });

  it('never claims a job whose attempt another worker holds', async () => {
    const [user] = startedUsers(tg, t.botToken, 1);
    const { job } = await outbox.enqueue({
      kind: 'sendMessage',
      payload: { chatId: user, text: 'held' },
      idempotencyKey: `held:${user}`,
    });
    const future = new Date(clock.now().getTime() + 60_000);
    await t.app.get(OutboxAttemptRepository).tryClaim({
      jobId: job.id,
      attempt: 1,
      owner: 'busy-instance',
      chatKey: job.chatKey,
      rateClass: job.rateClass,
      claimedAt: clock.now(),
      lockedUntil: future,
    });
    const report = await outbox.dispatchDue();
    expect(report.done).toBe(0);
    expect(okCalls(tg, 'sendMessage', user)).toBe(0);
    expect(t.app.get(TelegramGateway).enabled).toBe(true);
  });
});
