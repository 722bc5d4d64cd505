export const AUTH_OPTIONS = 'membergate:auth-options';

export interface AuthOptions {
  /** Refuse API keys: only a logged-in seller (JWT) may call this (key and account management). */
  sessionOnly?: boolean;
}
