import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface DevSecrets {
  jwtSecret: string;
  encryptionKey: string;
}

/**
 * Outside production a missing secret is generated once and kept under the data folder, so that
 * tokens and encrypted fields stay valid across restarts of a local instance.
 */
export function loadOrCreateDevSecrets(dataDir: string): { secrets: DevSecrets; created: boolean } {
  const file = join(dataDir, 'dev-secrets.json');
  if (existsSync(file)) {
    return { secrets: JSON.parse(readFileSync(file, 'utf8')) as DevSecrets, created: false };
  }
  const secrets: DevSecrets = {
    jwtSecret: randomBytes(48).toString('base64url'),
    encryptionKey: `base64:${randomBytes(32).toString('base64')}`,
  };
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  chmodSync(file, 0o600);
  return { secrets, created: true };
}
