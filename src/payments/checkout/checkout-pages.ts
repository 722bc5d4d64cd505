/** Tiny server-rendered pages: no framework, every dynamic value escaped. */

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export function page(title: string, body: string): string {
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title></head>`,
    `<body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`,
  ].join('');
}

export interface SuccessPageModel {
  planName?: string;
  status?: string;
  /** Shown when the payment has no Telegram account yet. */
  claimUrl?: string;
  /** The payment needs claiming but the bot's address is unknown right now. */
  claimPending?: boolean;
}

export function successPage(model: SuccessPageModel): string {
  const parts: string[] = [];
  if (model.planName) {
    parts.push(`<p>Thank you for buying <strong>${escapeHtml(model.planName)}</strong>.</p>`);
  } else {
    parts.push('<p>Thank you for your payment.</p>');
  }
  if (model.status === 'pending') {
    parts.push('<p>We are confirming your payment with the bank; this takes a few seconds.</p>');
  }
  if (model.claimUrl) {
    const url = escapeHtml(model.claimUrl);
    parts.push(
      '<p>Open this link in Telegram to receive your access. It works once, for one Telegram ' +
        `account:</p><p><a href="${url}">${url}</a></p>`,
      '<p>We also sent it to your e-mail.</p>',
    );
  } else if (model.claimPending) {
    parts.push('<p>Your access link is on its way to your e-mail.</p>');
  } else {
    parts.push('<p>Your invite links are waiting for you in the Telegram bot.</p>');
  }
  return page('Payment received', parts.join(''));
}

export function cancelPage(): string {
  return page(
    'Payment cancelled',
    '<p>No money was taken. You can start again from the plan’s link whenever you like.</p>',
  );
}
