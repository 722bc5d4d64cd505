import { MongoClient } from 'mongodb';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ACCESS_STATUSES } from '../src/memberships/membership-status';

/**
 * The floor under the inbound `chat_member` figure: a bare node:http server that parses the same
 * update and makes the same read of `memberships` through the driver, with no framework, no
 * secret check and no event. Whatever the app loses to it is ours; what it cannot do itself is
 * the database's and the machine's.
 */
export class FloorServer {
  private constructor(
    private readonly server: Server,
    private readonly client: MongoClient,
    readonly url: string,
  ) {}

  static async start(mongodbUri: string): Promise<FloorServer> {
    const client = await MongoClient.connect(mongodbUri);
    const memberships = client.db().collection('memberships');
    const server = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (body += chunk));
      req.on('end', () => {
        const update = JSON.parse(body) as {
          chat_member: { chat: { id: number }; new_chat_member: { user: { id: number } } };
        };
        memberships
          .find({
            telegramUserId: update.chat_member.new_chat_member.user.id,
            'channels.chatId': update.chat_member.chat.id,
            status: { $in: [...ACCESS_STATUSES] },
          })
          .toArray()
          .then(
            () => res.writeHead(200).end(),
            () => res.writeHead(500).end(),
          );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return new FloorServer(server, client, `http://127.0.0.1:${port}/`);
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    await this.client.close();
  }
}
