import { botMethods } from './bot.methods';
import { chatMethods } from './chat.methods';
import type { MethodHandler, MethodTable } from './context';
import { editingMethods } from './editing.methods';
import { forumMethods } from './forum.methods';
import { inviteLinkMethods } from './invite-links.methods';
import { messageMethods } from './messages.methods';
import { paymentMethods } from './payments.methods';
import { updateMethods } from './updates.methods';

export const ALL_METHODS: MethodTable = {
  ...botMethods,
  ...updateMethods,
  ...messageMethods,
  ...editingMethods,
  ...chatMethods,
  ...inviteLinkMethods,
  ...paymentMethods,
  ...forumMethods,
};

/** Telegram matches method names case-insensitively. */
export class MethodRegistry {
  private readonly byLowerName = new Map<string, { name: string; handler: MethodHandler }>();

  constructor(methods: MethodTable = ALL_METHODS) {
    for (const [name, handler] of Object.entries(methods)) {
      this.byLowerName.set(name.toLowerCase(), { name, handler });
    }
  }

  find(method: string): { name: string; handler: MethodHandler } | undefined {
    return this.byLowerName.get(method.toLowerCase());
  }

  names(): string[] {
    return [...this.byLowerName.values()].map((m) => m.name);
  }
}
