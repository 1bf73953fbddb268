import type {
  ContactSummary,
  ErrorDetail,
  MetaContact,
  SplitRecord,
} from '@wapipe/contracts';
import { list, num, obj, str, type Json } from './pick.ts';

/** Meta's error object in any of its three placements and two vintages. */
export function errorDetail(value: unknown): ErrorDetail {
  const error = obj(value);
  const data = obj(error, 'error_data');
  return {
    code: num(error, 'code'),
    title: str(error, 'title'),
    message: str(error, 'message'),
    // Legacy errors carry `details` at the top (REFERENCE §5.15).
    details: str(data, 'details') ?? str(error, 'details'),
    href: str(error, 'href'),
  };
}

export function errorDetails(owner: Json | null): ErrorDetail[] {
  return list(owner, 'errors').map(errorDetail);
}

export function contactSummary(
  contact: MetaContact | null,
): ContactSummary | null {
  if (!contact) return null;
  const profile = obj(contact, 'profile');
  return {
    name: str(profile, 'name'),
    username: str(profile, 'username'),
    waId: contact.wa_id ?? null,
    userId: contact.user_id ?? null,
  };
}

/** Fields every processed record copies from the fan-out record. */
export function provenanceOf(record: SplitRecord, processedAt: string) {
  return {
    version: 1 as const,
    webhookId: record.webhookId,
    receivedAt: record.receivedAt,
    processedAt,
    wabaId: record.wabaId,
    phoneNumberId: record.phoneNumberId,
    displayPhoneNumber: record.displayPhoneNumber,
  };
}
