/**
 * Kafka key of a message or status: the business number plus the
 * customer, so one conversation stays on one partition however far the
 * topics scale. The phone number is preferred; username users arrive
 * with only their business-scoped user id (REFERENCE §3).
 */
export function conversationKey(
  phoneNumberId: string | null,
  customer: { waId?: unknown; userId?: unknown },
): string {
  const who = text(customer.waId) ?? text(customer.userId) ?? '';
  return `${phoneNumberId ?? ''}:${who}`;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
