// A campaign's statuses arriving out of order (REFERENCE §7.2): for each
// outbound message, `read` first, then `delivered`, then `sent`, each in
// its own POST, plus a repeat of `read`. The pipeline must publish each
// status once and never let the late `sent` downgrade the `read`.

const ORDER = ['read', 'delivered', 'sent', 'read'] as const;

export const BURST_WAMID_PREFIX = 'wamid.TESTMSGOUT.DEMO.BURST.';

/** Per outbound message, its compact bodies in the order to send them. */
export function statusBurst(
  messages: number,
  baseTimestamp: number,
): Buffer[][] {
  return Array.from({ length: messages }, (_, i) => {
    const wamid = `${BURST_WAMID_PREFIX}${String(i).padStart(3, '0')}`;
    return ORDER.map((status, step) => {
      // Meta's timestamps still tell the true order: sent < delivered < read.
      const timestamp = String(baseTimestamp + 10 * i + (2 - (step % 3)));
      return statusBody(wamid, status, timestamp);
    });
  });
}

function statusBody(wamid: string, status: string, timestamp: string): Buffer {
  const value = {
    messaging_product: 'whatsapp',
    metadata: {
      display_phone_number: '15550000001',
      phone_number_id: '200000000000001',
    },
    statuses: [{ id: wamid, status, timestamp, recipient_id: '15551230002' }],
  };
  return Buffer.from(
    JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [
        { id: '100000000000001', changes: [{ value, field: 'messages' }] },
      ],
    }),
  );
}
