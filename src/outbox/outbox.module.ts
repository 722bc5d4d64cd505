import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { OutboxAttemptRepository } from './outbox-attempt.repository';
import { OutboxDispatcher } from './outbox-dispatcher.service';
import { OutboxExecutorRegistry } from './outbox-executor.registry';
import { OutboxJobRepository } from './outbox-job.repository';
import { OutboxService } from './outbox.service';
import { OutboxAttemptRecord, OutboxAttemptSchema } from './schemas/outbox-attempt.schema';
import { OutboxJobRecord, OutboxJobSchema } from './schemas/outbox-job.schema';
import { TelegramOutboxExecutors } from './telegram/telegram-outbox.executors';

/**
 * The durable outbox (recovery domain). Other modules import it for OutboxService and register
 * executors for their own job kinds with OutboxExecutorRegistry.
 */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: OutboxJobRecord.name, schema: OutboxJobSchema },
      { name: OutboxAttemptRecord.name, schema: OutboxAttemptSchema },
    ]),
  ],
  providers: [
    OutboxJobRepository,
    OutboxAttemptRepository,
    OutboxExecutorRegistry,
    OutboxDispatcher,
    OutboxService,
    TelegramOutboxExecutors,
  ],
  exports: [OutboxService, OutboxExecutorRegistry],
})
export class OutboxModule {}
