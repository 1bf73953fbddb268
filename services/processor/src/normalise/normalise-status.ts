import type { MessageStatusRecord, SplitStatus } from '@wapipe/contracts';
import { participantOf } from '../identity.ts';
import { contactSummary, errorDetails, provenanceOf } from './common.ts';
import { obj, str } from './pick.ts';

/** A status update with the message's state after applying it. */
export function normaliseStatus(
  record: SplitStatus,
  currentStatus: string,
  processedAt: string,
): MessageStatusRecord {
  const s = record.status;
  return {
    ...provenanceOf(record, processedAt),
    kind: 'status',
    wamid: String(s.id),
    status: String(s.status),
    currentStatus,
    timestamp: str(s, 'timestamp'),
    recipientId: str(s, 'recipient_id'),
    recipientUserId: str(s, 'recipient_user_id'),
    recipientType: str(s, 'recipient_type'),
    participantId: participantOf(s),
    bizOpaqueCallbackData: str(s, 'biz_opaque_callback_data'),
    conversation: obj(s, 'conversation'),
    pricing: obj(s, 'pricing'),
    contact: contactSummary(record.contact),
    errors: errorDetails(s),
    original: s,
  };
}
