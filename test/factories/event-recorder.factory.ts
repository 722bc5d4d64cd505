import { Injectable, Module, type Type } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';

export interface EventRecorder<T> {
  readonly events: T[];
}

/**
 * A module recording every payload of one domain event, for suites that assert on what was
 * emitted: pass `module` in the app's extraImports, then read `t.app.get(recorder)`.
 */
export function eventRecorder<T>(eventName: string): {
  module: Type<unknown>;
  recorder: Type<EventRecorder<T>>;
} {
  @Injectable()
  class Recorder implements EventRecorder<T> {
    readonly events: T[] = [];

    @OnEvent(eventName)
    record(event: T): void {
      this.events.push(event);
    }
  }

  @Module({ providers: [Recorder] })
  class RecorderModule {}

  return { module: RecorderModule, recorder: Recorder };
}
