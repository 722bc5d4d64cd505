/**
 * Standalone fake for local manual work: `npm run telegram:fake`.
 * PORT (default 8081), HOST (default 127.0.0.1), TELEGRAM_BOT_TOKEN (default: generated).
 */
import { TelegramFakeServer } from './telegram-fake.server';

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 8081);
  const host = process.env.HOST ?? '127.0.0.1';
  const tg = await TelegramFakeServer.start({ port, host });
  const bot = tg.createBot({
    token: process.env.TELEGRAM_BOT_TOKEN || undefined,
    username: process.env.TELEGRAM_BOT_USERNAME || undefined,
  });
  const base = tg.url;
  const lines = [
    `Fake Telegram Bot API listening on ${base}`,
    ``,
    `Bot:     @${bot.username} (id ${bot.id})`,
    `Token:   ${bot.token}`,
    `apiRoot: ${base}    (telegraf: new Telegraf(token, { telegram: { apiRoot } }))`,
    ``,
    `Drive it with JSON POSTs to ${base}/_fake/<action>, e.g.:`,
    `  curl -s -XPOST ${base}/_fake/createUser -d '{"first_name":"Ann","username":"ann"}'`,
    `  curl -s -XPOST ${base}/_fake/startBot -d '{"userId":100000001}'`,
    `  curl -s -XPOST ${base}/_fake/createChat -d '{"type":"supergroup","title":"VIP"}'`,
    `  curl -s -XPOST ${base}/_fake/setBotRights -d '{"chatId":-1002000000001,"rights":{"can_invite_users":true}}'`,
    `  curl -s -XPOST ${base}/_fake/openInviteLink -d '{"userId":100000001,"link":"https://t.me/+..."}'`,
    `  curl -s -XPOST ${base}/_fake/payInvoice -d '{"userId":100000001,"messageId":3}'`,
    `Inspect: GET ${base}/_fake/calls?method=sendMessage, ${base}/_fake/messages?chatId=<id>, ${base}/_fake/bots`,
    `All actions: GET ${base}/  (see libs/telegram-fake/README.md)`,
  ];
  console.log(lines.join('\n'));

  const shutdown = (): void => {
    void tg.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
