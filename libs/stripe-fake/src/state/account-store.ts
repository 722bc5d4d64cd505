import { AccountState } from './account-state';

/** Accounts by secret key, created on first use; revoked keys answer 401 from then on. */
export class AccountStore {
  private readonly accounts = new Map<string, AccountState>();
  private readonly revoked = new Set<string>();

  forKey(secretKey: string): AccountState {
    let account = this.accounts.get(secretKey);
    if (!account) {
      account = new AccountState();
      this.accounts.set(secretKey, account);
    }
    return account;
  }

  /** The account for a key only if it has been used; inspection must not create accounts. */
  existing(secretKey: string): AccountState | undefined {
    return this.accounts.get(secretKey);
  }

  revoke(secretKey: string): void {
    this.revoked.add(secretKey);
  }

  isRevoked(secretKey: string): boolean {
    return this.revoked.has(secretKey);
  }

  /** The account holding an object. Drivers act by id, as the customer would, without a key. */
  owning(id: string): AccountState | undefined {
    for (const account of this.accounts.values()) {
      if (account.find(id)) {
        return account;
      }
    }
    return undefined;
  }

  all(): Array<{ secretKey: string; account: AccountState }> {
    return [...this.accounts].map(([secretKey, account]) => ({ secretKey, account }));
  }

  clear(): void {
    this.accounts.clear();
    this.revoked.clear();
  }
}
