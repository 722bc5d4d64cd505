import { invalidRequest, missingParam, unknownParam } from '../errors';
import type { Metadata } from '../objects/common';
import type { FormObject, FormValue } from './form-decoder';

// Stripe's documented metadata limits; real Stripe rejects beyond them, so the fake does too.
const METADATA_MAX_KEYS = 50;
const METADATA_MAX_KEY_LENGTH = 40;
const METADATA_MAX_VALUE_LENGTH = 500;

/**
 * Typed, Stripe-worded access to decoded form params. Every reader names the full bracket path
 * in its error (`line_items[0][quantity]`), as Stripe does in `error.param`.
 */
export class Params {
  constructor(
    readonly raw: FormObject,
    private readonly prefix = '',
  ) {}

  path(name: string): string {
    return this.prefix ? `${this.prefix}[${name}]` : name;
  }

  has(name: string): boolean {
    return this.raw[name] !== undefined;
  }

  /**
   * Rejects params the fake does not model. Real Stripe accepts many more; failing loudly here
   * means product code never relies on a parameter the fake silently ignored.
   */
  allowOnly(allowed: readonly string[]): void {
    for (const key of Object.keys(this.raw)) {
      if (key !== 'expand' && !allowed.includes(key)) {
        throw unknownParam(this.path(key));
      }
    }
  }

  optionalString(name: string): string | undefined {
    const value = this.raw[name];
    if (value === undefined) {
      return undefined;
    }
    if (typeof value !== 'string') {
      throw invalidRequest(
        `Invalid string: ${this.path(name)} must be a string, not a hash or array`,
        {
          param: this.path(name),
        },
      );
    }
    return value;
  }

  requireString(name: string): string {
    const value = this.optionalString(name);
    if (value === undefined || value === '') {
      throw missingParam(this.path(name));
    }
    return value;
  }

  optionalInteger(name: string): number | undefined {
    const value = this.optionalString(name);
    if (value === undefined) {
      return undefined;
    }
    if (!/^-?\d+$/.test(value)) {
      throw invalidRequest(`Invalid integer: ${value}`, {
        code: 'parameter_invalid_integer',
        param: this.path(name),
      });
    }
    return Number(value);
  }

  requireInteger(name: string): number {
    const value = this.optionalInteger(name);
    if (value === undefined) {
      throw missingParam(this.path(name));
    }
    return value;
  }

  optionalNumber(name: string): number | undefined {
    const value = this.optionalString(name);
    if (value === undefined) {
      return undefined;
    }
    const parsed = Number(value);
    if (value.trim() === '' || !Number.isFinite(parsed)) {
      throw invalidRequest(`Invalid decimal: ${value}`, { param: this.path(name) });
    }
    return parsed;
  }

  optionalBoolean(name: string): boolean | undefined {
    const value = this.optionalString(name);
    if (value === undefined) {
      return undefined;
    }
    if (value !== 'true' && value !== 'false') {
      throw invalidRequest(`Invalid boolean: ${value}`, { param: this.path(name) });
    }
    return value === 'true';
  }

  optionalEnum<T extends string>(name: string, allowed: readonly T[]): T | undefined {
    const value = this.optionalString(name);
    if (value === undefined) {
      return undefined;
    }
    if (!(allowed as readonly string[]).includes(value)) {
      throw invalidRequest(`Invalid ${this.path(name)}: must be one of ${joinChoices(allowed)}`, {
        param: this.path(name),
      });
    }
    return value as T;
  }

  requireEnum<T extends string>(name: string, allowed: readonly T[]): T {
    const value = this.optionalEnum(name, allowed);
    if (value === undefined) {
      throw missingParam(this.path(name));
    }
    return value;
  }

  optionalObject(name: string): Params | undefined {
    const value = this.raw[name];
    if (value === undefined || value === '') {
      return undefined;
    }
    if (typeof value === 'string' || Array.isArray(value)) {
      throw invalidRequest(`Invalid object: ${this.path(name)} must be a hash`, {
        param: this.path(name),
      });
    }
    return new Params(value, this.path(name));
  }

  /** A list of hashes such as `line_items[0][…]`. */
  objectList(name: string): Params[] {
    const value = this.raw[name];
    if (value === undefined || value === '') {
      return [];
    }
    if (!Array.isArray(value)) {
      throw invalidRequest(`Invalid array: ${this.path(name)} must be an array`, {
        param: this.path(name),
      });
    }
    return value.map((item, index) => {
      const itemPath = `${this.path(name)}[${index}]`;
      if (typeof item === 'string' || Array.isArray(item)) {
        throw invalidRequest(`Invalid object: ${itemPath} must be a hash`, { param: itemPath });
      }
      return new Params(item, itemPath);
    });
  }

  /** A list of strings such as `expand[]=customer`. */
  stringList(name: string): string[] {
    const value = this.raw[name];
    if (value === undefined || value === '') {
      return [];
    }
    const items: FormValue[] = Array.isArray(value) ? value : [value];
    return items.map((item) => {
      if (typeof item !== 'string') {
        throw invalidRequest(`Invalid array: ${this.path(name)} must hold strings`, {
          param: this.path(name),
        });
      }
      return item;
    });
  }

  /**
   * Metadata as Stripe stores it: string values only, within Stripe's limits. An empty value means
   * "unset this key" on updates, so it is returned as '' for the caller to apply.
   */
  optionalMetadata(name = 'metadata'): Metadata | undefined {
    const value = this.raw[name];
    if (value === undefined) {
      return undefined;
    }
    if (value === '') {
      return {};
    }
    if (typeof value === 'string') {
      throw invalidRequest(`Invalid object: ${this.path(name)} must be a hash`, {
        param: this.path(name),
      });
    }
    // The decoder turns index-only keys into arrays; metadata keys like "0" are still keys.
    const entries: [string, FormValue][] = Array.isArray(value)
      ? value.map((item, index) => [String(index), item])
      : Object.entries(value);
    if (entries.length > METADATA_MAX_KEYS) {
      throw invalidRequest(`Metadata can have up to ${METADATA_MAX_KEYS} keys.`, {
        param: this.path(name),
      });
    }
    const metadata: Metadata = {};
    for (const [key, item] of entries) {
      const keyPath = `${this.path(name)}[${key}]`;
      if (typeof item !== 'string') {
        throw invalidRequest(`Invalid string: ${keyPath} must be a string`, { param: keyPath });
      }
      if (key.length > METADATA_MAX_KEY_LENGTH) {
        throw invalidRequest(
          `Metadata keys can have up to ${METADATA_MAX_KEY_LENGTH} characters, but you passed in a key that is ${key.length} characters.`,
          { param: keyPath },
        );
      }
      if (item.length > METADATA_MAX_VALUE_LENGTH) {
        throw invalidRequest(
          `Metadata values can have up to ${METADATA_MAX_VALUE_LENGTH} characters, but you passed in a value that is ${item.length} characters.`,
          { param: keyPath },
        );
      }
      metadata[key] = item;
    }
    return metadata;
  }
}

function joinChoices(choices: readonly string[]): string {
  if (choices.length <= 1) {
    return choices.join('');
  }
  return `${choices.slice(0, -1).join(', ')}, or ${choices[choices.length - 1]}`;
}

/** Applies a metadata update the way Stripe does: keys merge, '' removes a key, `{}` clears all. */
export function mergeMetadata(current: Metadata, update: Metadata): Metadata {
  if (Object.keys(update).length === 0) {
    return {};
  }
  const next = { ...current };
  for (const [key, value] of Object.entries(update)) {
    if (value === '') {
      delete next[key];
    } else {
      next[key] = value;
    }
  }
  return next;
}

/** On create, '' values carry no meaning; Stripe drops them. */
export function createMetadata(input: Metadata | undefined): Metadata {
  return Object.fromEntries(Object.entries(input ?? {}).filter(([, value]) => value !== ''));
}
