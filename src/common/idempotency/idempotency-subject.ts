/**
 * Whom a stored answer concerns, for routes whose answers carry a member's data (invite links,
 * claim links, a payment's customer). An erasure of that member erases the stored answer
 * (IdempotencyService.eraseAnswersConcerning); the record itself stays, so a repeat still does
 * not run the request again.
 */
export type IdempotencySubject =
  { telegramUserId: number } | { grantId: string } | { paymentId: string };

/** Metadata key of a route's `concerns` function (set by @Idempotent, read by its interceptor). */
export const IDEMPOTENT_CONCERNS = 'idempotent:concerns';

/** What a route's `concerns` function sees of the request. */
export interface IdempotentRequest<TBody> {
  /**
   * The body as sent (JSON), not the validated DTO: it is read after the handler succeeded, so it
   * passed validation, but fields are checked again before use.
   */
  body: TBody;
  params: Record<string, string>;
}

export type ConcernsOf<TBody = unknown, TAnswer = unknown> = (
  request: IdempotentRequest<TBody>,
  answer: TAnswer,
) => IdempotencySubject | undefined;

/** The stored form: grant and payment ids as they are, a Telegram id only as a keyed hash. */
export function subjectKey(
  subject: IdempotencySubject,
  pseudonym: (telegramUserId: number) => string,
): string | undefined {
  if ('telegramUserId' in subject) {
    const id = subject.telegramUserId;
    return Number.isSafeInteger(id) && id > 0 ? `tg:${pseudonym(id)}` : undefined;
  }
  if ('grantId' in subject) {
    return isId(subject.grantId) ? `grant:${subject.grantId}` : undefined;
  }
  return isId(subject.paymentId) ? `payment:${subject.paymentId}` : undefined;
}

function isId(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= 200;
}
