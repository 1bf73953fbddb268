/** The parts of a webhook body the demo looks into. */
export interface ChangeValue {
  field: string;
  value: Record<string, unknown>;
  messages?: Record<string, unknown>[];
  statuses?: Record<string, unknown>[];
  phoneNumberId?: string;
}

/** Every `entry[].changes[]` of a body; nothing when it is not JSON. */
export function changeValues(raw: Buffer): ChangeValue[] {
  const body = parse(raw) as { entry?: unknown } | undefined;
  const out: ChangeValue[] = [];
  for (const entry of list(body?.entry)) {
    for (const change of list((entry as { changes?: unknown }).changes)) {
      const { field, value } = change as { field?: unknown; value?: unknown };
      if (!value || typeof value !== 'object') continue;
      const v = value as Record<string, unknown>;
      const metadata = v.metadata as { phone_number_id?: string } | undefined;
      out.push({
        field: String(field),
        value: v,
        messages: list(v.messages) as Record<string, unknown>[],
        statuses: list(v.statuses) as Record<string, unknown>[],
        phoneNumberId: metadata?.phone_number_id,
      });
    }
  }
  return out;
}

function parse(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    return undefined;
  }
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
