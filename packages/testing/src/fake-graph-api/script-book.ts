import type {
  GraphMediaSpec,
  ScriptedAnswer,
  ScriptedEndpoint,
  ScriptedResponse,
} from './types.ts';

interface ScriptedMedia {
  spec: GraphMediaSpec;
  accessToken: string | undefined;
}

/**
 * The scripted media ids and how far each answer sequence has got. A
 * sequence is per media id, kind and URL token, so two download URLs of
 * one media id advance independently.
 */
export class ScriptBook {
  private readonly media = new Map<string, ScriptedMedia>();
  private readonly served = new Map<string, number>();

  add(specs: GraphMediaSpec[], accessToken: string | undefined): void {
    for (const spec of specs) {
      this.media.set(spec.media_id, { spec, accessToken });
      this.resetCounters(spec.media_id);
    }
  }

  get(mediaId: string): ScriptedMedia | undefined {
    return this.media.get(mediaId);
  }

  /** The endpoint answering a download, after `by_url_token`. */
  downloadEndpoint(
    mediaId: string,
    urlToken: string | undefined,
  ): ScriptedEndpoint | undefined {
    const download = this.media.get(mediaId)?.spec.download;
    if (!download) return undefined;
    const keyed = urlToken ? download.by_url_token?.[urlToken] : undefined;
    if (keyed === undefined) return download;
    const endpoint = asEndpoint(keyed);
    const requires = { ...download.requires_headers };
    Object.assign(requires, endpoint.requires_headers);
    return { ...endpoint, requires_headers: requires };
  }

  /** The next answer of a sequence; the last one repeats. */
  next(endpoint: ScriptedEndpoint, sequence: string): ScriptedResponse {
    const responses = endpoint.responses ?? [];
    const index = this.served.get(sequence) ?? 0;
    this.served.set(sequence, index + 1);
    return responses[Math.min(index, responses.length - 1)] ?? {};
  }

  clear(): void {
    this.media.clear();
    this.served.clear();
  }

  private resetCounters(mediaId: string): void {
    for (const key of [...this.served.keys()]) {
      if (key.startsWith(`${mediaId}|`)) this.served.delete(key);
    }
  }
}

/** The `if_missing_<header>` answer that applies to these headers, if any. */
export function missingHeaderOverride(
  endpoint: ScriptedEndpoint,
  headers: Record<string, unknown>,
): ScriptedEndpoint | undefined {
  for (const [key, answer] of Object.entries(endpoint)) {
    if (!key.startsWith('if_missing_') || answer === undefined) continue;
    const header = headerNameOf(key.slice('if_missing_'.length));
    if (headers[header] === undefined) {
      return asEndpoint(answer as ScriptedAnswer);
    }
  }
  return undefined;
}

/** `user_agent`, `User-Agent` and `user-agent` all name one header. */
export function headerNameOf(name: string): string {
  return name.toLowerCase().replaceAll('_', '-');
}

export function asEndpoint(answer: ScriptedAnswer): ScriptedEndpoint {
  if (Array.isArray(answer)) return { responses: answer };
  if (isEndpoint(answer)) return answer;
  return { responses: [answer] };
}

function isEndpoint(answer: object): answer is ScriptedEndpoint {
  return 'responses' in answer || 'requires_headers' in answer;
}
