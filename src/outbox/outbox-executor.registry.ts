import { Injectable } from '@nestjs/common';
import type { OutboxExecutor } from './outbox-executor';
import type { OutboxKind } from './outbox.types';

/** The executors this process can run; jobs of other kinds wait for an instance that can. */
@Injectable()
export class OutboxExecutorRegistry {
  private readonly executors = new Map<OutboxKind, OutboxExecutor>();

  register<K extends OutboxKind>(executor: OutboxExecutor<K>): void {
    if (this.executors.has(executor.kind)) {
      throw new Error(`An outbox executor for "${executor.kind}" is already registered`);
    }
    this.executors.set(executor.kind, executor);
  }

  get(kind: OutboxKind): OutboxExecutor | undefined {
    return this.executors.get(kind);
  }

  require(kind: OutboxKind): OutboxExecutor {
    const executor = this.executors.get(kind);
    if (!executor) {
      throw new Error(`No outbox executor is registered for "${kind}"`);
    }
    return executor;
  }

  /** Kinds whose executor can run now. */
  availableKinds(): OutboxKind[] {
    return [...this.executors.values()].filter((e) => e.available()).map((e) => e.kind);
  }
}
