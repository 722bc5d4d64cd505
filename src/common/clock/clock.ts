import { Injectable } from '@nestjs/common';

/** Time behind an adapter, so tests can move it instead of sleeping. Always UTC `Date`s. */
export abstract class Clock {
  abstract now(): Date;
}

@Injectable()
export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}
