/** Access tokens are short-lived: a stolen one is useful for minutes, not days. */
export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
/** A refresh token is valid this long after it was issued (every use issues a new one). */
export const REFRESH_TOKEN_TTL_MS = 30 * 24 * 60 * 60 * 1000;
export const JWT_ISSUER = 'membergate';
export const JWT_AUDIENCE = 'membergate-api';

/** Login throttling: failures counted per e-mail and per client IP in a sliding window. */
export const LOGIN_THROTTLE = {
  windowMs: 15 * 60 * 1000,
  maxFailuresPerEmail: 5,
  maxFailuresPerIp: 20,
} as const;

/** A seller may keep this many live API keys. */
export const MAX_API_KEYS_PER_SELLER = 25;

/** Attempts and expired tokens are kept this long after they stop mattering, then purged. */
export const AUTH_RETENTION_MS = 24 * 60 * 60 * 1000;
