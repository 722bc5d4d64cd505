import type { Params } from './params';
import type { EventOrigin } from '../objects/event';
import type { AccountState } from '../state/account-state';

export type HttpMethod = 'GET' | 'POST' | 'DELETE';

export interface RouteRequest {
  account: AccountState;
  params: Params;
  /** Values of `:name` segments in the route pattern. */
  path: Record<string, string>;
  /** For events the request causes: its request id and idempotency key. */
  origin: NonNullable<EventOrigin>;
}

export interface RouteDef {
  method: HttpMethod;
  /** `/v1/checkout/sessions/:id`; `${method} ${pattern}` names the route for fault injection. */
  pattern: string;
  /** Returns the API object to answer with, or throws a StripeApiError. */
  handle(request: RouteRequest): object;
}

interface CompiledRoute {
  def: RouteDef;
  key: string;
  regex: RegExp;
  names: string[];
}

/** Matches method + path against route patterns. */
export class Router {
  private readonly routes: CompiledRoute[];

  constructor(defs: RouteDef[]) {
    this.routes = defs.map((def) => {
      const names: string[] = [];
      const source = def.pattern.replace(/:([a-z_]+)/g, (_match, name: string) => {
        names.push(name);
        return '([^/]+)';
      });
      return { def, key: routeKey(def), regex: new RegExp(`^${source}/?$`), names };
    });
  }

  match(
    method: string,
    pathname: string,
  ): { route: RouteDef; key: string; path: Record<string, string> } | undefined {
    for (const route of this.routes) {
      if (route.def.method !== method) {
        continue;
      }
      const match = route.regex.exec(pathname);
      if (match) {
        const path = Object.fromEntries(
          route.names.map((name, index) => [name, decodeURIComponent(match[index + 1])]),
        );
        return { route: route.def, key: route.key, path };
      }
    }
    return undefined;
  }

  keys(): string[] {
    return this.routes.map((route) => route.key);
  }
}

export function routeKey(def: Pick<RouteDef, 'method' | 'pattern'>): string {
  return `${def.method} ${def.pattern}`;
}
