/**
 * Decodes `application/x-www-form-urlencoded` bodies written in Stripe's bracket notation
 * (`line_items[0][price_data][currency]=usd`, `expand[]=customer`) into nested values.
 *
 * Keys whose segments are all indices (`[0]`, `[1]`, or `[]`) become arrays, ordered by index;
 * everything else is an object. Hand-written rather than `qs` because `qs` is not a declared
 * dependency and its array limit (20) would turn `metadata[25]=x` into an object but
 * `metadata[3]=x` into an array; here the rule is the same for every size.
 */
export type FormValue = string | FormValue[] | FormObject;
export interface FormObject {
  [key: string]: FormValue;
}

export class FormDecodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FormDecodeError';
  }
}

interface Draft {
  [key: string]: string | Draft;
}

const FORBIDDEN_SEGMENTS = new Set(['__proto__', 'constructor', 'prototype']);
const INDEX = /^(0|[1-9]\d*)$/;

export function decodeForm(input: string): FormObject {
  const root: Draft = {};
  for (const pair of input.split('&')) {
    if (pair === '') {
      continue;
    }
    const eq = pair.indexOf('=');
    const key = decodeComponent(eq === -1 ? pair : pair.slice(0, eq));
    const value = decodeComponent(eq === -1 ? '' : pair.slice(eq + 1));
    assign(root, parseKey(key), value);
  }
  return normaliseObject(root);
}

function decodeComponent(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    throw new FormDecodeError(`Invalid URL encoding: ${raw}`);
  }
}

function parseKey(key: string): string[] {
  const open = key.indexOf('[');
  if (open === -1) {
    return [key];
  }
  if (open === 0) {
    throw new FormDecodeError(`Invalid parameter name: ${key}`);
  }
  const segments = [key.slice(0, open)];
  const bracket = /\[([^[\]]*)\]/y;
  bracket.lastIndex = open;
  let match: RegExpExecArray | null;
  while ((match = bracket.exec(key)) !== null) {
    segments.push(match[1]);
    if (bracket.lastIndex === key.length) {
      return segments;
    }
  }
  throw new FormDecodeError(`Invalid parameter name: ${key}`);
}

function assign(root: Draft, segments: string[], value: string): void {
  let node = root;
  segments.forEach((raw, depth) => {
    // `[]` appends: the next free index among the keys already present.
    const segment = raw === '' && depth > 0 ? String(Object.keys(node).length) : raw;
    if (FORBIDDEN_SEGMENTS.has(segment)) {
      throw new FormDecodeError(`Invalid parameter name: ${segments.join('.')}`);
    }
    const path = segments.slice(0, depth + 1).join('.');
    const existing = node[segment];
    if (depth === segments.length - 1) {
      if (typeof existing === 'object') {
        throw new FormDecodeError(`Invalid value for ${path}: expected a hash or array`);
      }
      node[segment] = value;
      return;
    }
    if (typeof existing === 'string') {
      throw new FormDecodeError(`Invalid hash for ${path}: it was also sent as a plain value`);
    }
    const child = existing ?? {};
    node[segment] = child;
    node = child;
  });
}

function normaliseObject(draft: Draft): FormObject {
  const out: FormObject = {};
  for (const [key, value] of Object.entries(draft)) {
    out[key] = normaliseValue(value);
  }
  return out;
}

function normaliseValue(value: string | Draft): FormValue {
  if (typeof value === 'string') {
    return value;
  }
  const keys = Object.keys(value);
  if (keys.length > 0 && keys.every((key) => INDEX.test(key))) {
    // Sparse indices (`[0]`, `[2]`) are compacted in index order, as Stripe does; Object.keys
    // already lists integer keys in ascending numeric order.
    return keys.map((key) => normaliseValue(value[key]));
  }
  return normaliseObject(value);
}
