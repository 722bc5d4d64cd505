import type { Request } from 'express';

export const ROLES = ['seller', 'admin'] as const;
/** Platform admins are accounts with the admin role; everything else is a seller. */
export type Role = (typeof ROLES)[number];

export const API_KEY_SCOPES = ['read', 'write'] as const;
/** `read` allows GET, `write` allows mutations; a key needs both for full access. */
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

export const AUTH_METHODS = ['jwt', 'api_key'] as const;
export type AuthMethod = (typeof AUTH_METHODS)[number];

/** Who is calling, as the auth guard established it; controllers get it with @CurrentSeller(). */
export interface AuthenticatedSeller {
  id: string;
  role: Role;
  via: AuthMethod;
  /** Everything for an interactive (JWT) session; the key's scopes for an API key. */
  scopes: readonly ApiKeyScope[];
  apiKeyId?: string;
}

export interface AuthenticatedRequest extends Request {
  seller?: AuthenticatedSeller;
}
