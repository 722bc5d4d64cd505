import { DynamicModule, Global, Module } from '@nestjs/common';
import { Clock } from './clock/clock';

/** Adapters every domain may use: the clock (and, as they come, crypto and random tokens). */
@Global()
@Module({})
export class CommonModule {
  static forRoot(clock: Clock): DynamicModule {
    return {
      module: CommonModule,
      providers: [{ provide: Clock, useValue: clock }],
      exports: [Clock],
    };
  }
}
