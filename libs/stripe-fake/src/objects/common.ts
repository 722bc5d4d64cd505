/** Stripe metadata: string keys to string values. */
export type Metadata = Record<string, string>;

/** Stripe's list envelope, used for `items`, `lines` and expanded `line_items`. */
export interface ApiList<T> {
  object: 'list';
  data: T[];
  has_more: boolean;
  url: string;
}

export function apiList<T>(url: string, data: T[]): ApiList<T> {
  return { object: 'list', data, has_more: false, url };
}
