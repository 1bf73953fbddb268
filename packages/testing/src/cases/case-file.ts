import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** One HTTP request of a case (FORMAT.md, `requests`). */
export interface CaseRequest {
  method: string;
  path: string;
  at_ms?: number;
  parallel_group?: string;
  headers: Record<string, string>;
  body_raw?: string;
  body_file?: string;
  body_json?: unknown;
  body_bytes?: number;
  body_sha256?: string;
}

export interface ResponseExpectation {
  request: number;
  status?: number;
  status_in?: number[];
  max_latency_ms?: number;
  body_exact?: string;
  body_not_contains?: string;
  content_type_not_contains?: string;
}

/** A case file as written; unknown keys are kept for forward compatibility. */
export interface CaseFile {
  id: string;
  kind: string;
  title: string;
  description?: string;
  app_secret: string;
  verify_token?: string;
  requests: CaseRequest[];
  graph_api?: unknown;
  fault_injection?: Record<string, unknown>;
  expect: Record<string, unknown> & {
    responses?: ResponseExpectation[];
    never_status?: number[];
  };
  /** Folder the case was read from, for `body_file`. */
  dir: string;
}

/** Every `*.json` case in a folder, sorted by file name. */
export function loadCases(dir: string): CaseFile[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => {
      const parsed = JSON.parse(
        readFileSync(join(dir, name), 'utf8'),
      ) as CaseFile;
      return { ...parsed, dir };
    });
}

/**
 * The exact bytes a request sends, checked against `body_bytes` and
 * `body_sha256` so a case can never silently send something else.
 */
export function requestBody(
  testCase: CaseFile,
  request: CaseRequest,
): Buffer | undefined {
  const bytes = rawBytes(testCase, request);
  if (bytes === undefined) return undefined;
  if (request.body_bytes !== undefined && bytes.length !== request.body_bytes) {
    throw new Error(
      `${testCase.id}: body is ${bytes.length} bytes, case says ${request.body_bytes}`,
    );
  }
  const digest = createHash('sha256').update(bytes).digest('hex');
  if (request.body_sha256 !== undefined && digest !== request.body_sha256) {
    throw new Error(`${testCase.id}: body sha256 differs from the case`);
  }
  return bytes;
}

function rawBytes(
  testCase: CaseFile,
  request: CaseRequest,
): Buffer | undefined {
  if (request.body_file !== undefined) {
    return readFileSync(join(testCase.dir, request.body_file));
  }
  if (request.body_raw !== undefined)
    return Buffer.from(request.body_raw, 'utf8');
  if (request.body_json !== undefined) {
    return Buffer.from(JSON.stringify(request.body_json), 'utf8');
  }
  return undefined;
}

/** The request's path, rebased onto the pipeline's own webhook route. */
export function requestUrl(request: CaseRequest, webhookPath: string): string {
  const query = request.path.indexOf('?');
  return query < 0 ? webhookPath : webhookPath + request.path.slice(query);
}
