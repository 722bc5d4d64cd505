import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';

/** Pings the database this instance uses (the admin system check's first line). */
@Injectable()
export class DatabaseProbe {
  constructor(@InjectConnection() private readonly connection: Connection) {}

  async ping(): Promise<void> {
    const db = this.connection.db;
    if (!db) {
      throw new Error('not connected');
    }
    await db.command({ ping: 1 });
  }
}
