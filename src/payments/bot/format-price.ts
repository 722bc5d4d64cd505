import { STARS_CURRENCY, ZERO_DECIMAL_CURRENCIES } from '../../plans/currencies';

/** `1999 USD` → `19.99 USD`, `500 JPY` → `500 JPY`, `50 XTR` → `⭐ 50`. */
export function formatPrice(amountMinor: number, currency: string): string {
  if (currency === STARS_CURRENCY) {
    return `⭐ ${amountMinor}`;
  }
  if (ZERO_DECIMAL_CURRENCIES.includes(currency)) {
    return `${amountMinor} ${currency}`;
  }
  return `${(amountMinor / 100).toFixed(2)} ${currency}`;
}

export function formatDuration(plan: {
  durationDays: number | null;
  durationMinutes: number | null;
}): string {
  if (plan.durationDays !== null) {
    return plan.durationDays === 1 ? '1 day' : `${plan.durationDays} days`;
  }
  return plan.durationMinutes === 1 ? '1 minute' : `${plan.durationMinutes} minutes`;
}
