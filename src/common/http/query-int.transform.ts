/**
 * class-transformer's `@Transform` for a whole number in a query string: digits become a number,
 * anything else stays as sent, so `@IsInt()` refuses it with a clear message.
 */
export const queryInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
