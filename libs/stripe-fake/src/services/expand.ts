import { invalidRequest } from '../errors';
import { lineItemsList } from '../objects/checkout-session';
import type { AccountState } from '../state/account-state';

type Node = Record<string, unknown>;

/**
 * Fields that are not ids but are computed on request, keyed by `<object>.<field>`. Stripe leaves
 * a session's line items out unless `expand[]=line_items` asks for them.
 */
const COMPUTED: Record<string, (account: AccountState, node: Node) => unknown> = {
  'checkout.session.line_items': (account, node) => {
    const id = String(node.id);
    return lineItemsList(id, account.sessions.get(id)?.lineItems ?? []);
  },
};

/**
 * Applies `expand[]` paths (`customer`, `subscription.latest_invoice`) to a response: each id
 * on the path is replaced by the object it names, as Stripe does. The input is not modified.
 */
export function expandResponse(account: AccountState, body: object, paths: string[]): object {
  if (paths.length === 0) {
    return body;
  }
  const root = structuredClone(body) as Node;
  for (const path of paths) {
    expandPath(account, root, path.split('.'), path);
  }
  return root;
}

function expandPath(account: AccountState, node: Node, segments: string[], fullPath: string): void {
  const [field, ...rest] = segments;
  const computed = COMPUTED[`${String(node.object)}.${field}`];
  if (computed && !(field in node && typeof node[field] === 'object')) {
    node[field] = computed(account, node);
  } else if (!(field in node)) {
    throw invalidRequest(`This property cannot be expanded (${fullPath}).`, { param: 'expand' });
  }
  let value = node[field];
  if (typeof value === 'string') {
    const found = account.find(value);
    if (!found) {
      throw invalidRequest(`This property cannot be expanded (${fullPath}).`, { param: 'expand' });
    }
    value = structuredClone(found);
    node[field] = value;
  }
  if (rest.length > 0 && value !== null && typeof value === 'object') {
    expandPath(account, value as Node, rest, fullPath);
  }
}
