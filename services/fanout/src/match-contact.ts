import type { MetaContact } from '@wapipe/contracts';

/**
 * The contact entry describing a customer, matched on `wa_id` or on the
 * business-scoped `user_id`, never on array position: Meta does not
 * promise `contacts[]` lines up with `messages[]` (REFERENCE §2.6).
 */
export function matchContact(
  contacts: readonly MetaContact[],
  customer: { waId?: unknown; userId?: unknown },
): MetaContact | null {
  const { waId, userId } = customer;
  const found = contacts.find(
    (c) =>
      (typeof waId === 'string' && c.wa_id === waId) ||
      (typeof userId === 'string' && c.user_id === userId),
  );
  return found ?? null;
}
