import { REPO_ROOT } from '../repo-root.ts';
import type { ProfileNode } from './cpu-profile.ts';

const REPO_URL = `file://${REPO_ROOT}/`;

/**
 * Where a profile node's code lives, coarse enough to add up: an npm
 * package, a Node core module, a file of ours, or a V8 pseudo-frame such
 * as `(garbage collector)`.
 */
export function moduleOf(node: ProfileNode): string {
  const { url, functionName } = node.callFrame;
  if (url === '')
    return functionName.startsWith('(') ? functionName : '(native)';
  const packaged = url.lastIndexOf('/node_modules/');
  if (packaged >= 0) return packageName(url.slice(packaged + 14));
  if (url.startsWith(REPO_URL)) return url.slice(REPO_URL.length);
  return url;
}

/** A function with its file and line, for the self-time list. */
export function functionOf(node: ProfileNode): string {
  const { functionName, lineNumber } = node.callFrame;
  const name = functionName === '' ? '(anonymous)' : functionName;
  const where = moduleOf(node);
  return where.startsWith('(') ? name : `${name}  ${where}:${lineNumber + 1}`;
}

function packageName(path: string): string {
  const parts = path.split('/');
  const name = parts[0]?.startsWith('@')
    ? parts.slice(0, 2)
    : parts.slice(0, 1);
  return name.join('/');
}
