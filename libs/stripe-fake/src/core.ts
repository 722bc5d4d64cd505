import type { FakeEnv } from './env';
import { FaultInjector } from './http/faults';
import { IdempotencyStore } from './http/idempotency';
import { RequestLog } from './http/request-log';
import { Router } from './http/router';
import { allRoutes } from './routes/all-routes';
import { createServices, type FakeServices } from './services/services';
import { AccountStore } from './state/account-store';

/** Everything the fake holds, wired once; the server and drivers share it. */
export class FakeCore {
  readonly store = new AccountStore();
  readonly log = new RequestLog();
  readonly services: FakeServices;
  readonly router: Router;
  readonly faults: FaultInjector;
  private readonly idempotency = new Map<string, IdempotencyStore>();

  constructor(readonly env: FakeEnv) {
    this.services = createServices(env);
    this.router = new Router(allRoutes(this.services));
    this.faults = new FaultInjector(() => this.router.keys());
  }

  /** Idempotency keys are scoped to the account, as in Stripe. */
  idempotencyFor(secretKey: string): IdempotencyStore {
    let store = this.idempotency.get(secretKey);
    if (!store) {
      store = new IdempotencyStore();
      this.idempotency.set(secretKey, store);
    }
    return store;
  }

  reset(): void {
    this.store.clear();
    this.log.clear();
    this.faults.clear();
    this.idempotency.clear();
  }
}
