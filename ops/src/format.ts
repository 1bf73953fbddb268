// Generated files are formatted exactly as `npm run format` would, so the
// drift check and `prettier --check` agree.
import { format, resolveConfig } from 'prettier';

const PARSERS: Record<string, string> = {
  '.json': 'json',
  '.yaml': 'yaml',
  '.md': 'markdown',
};

/** Formats by extension; templates (.tpl, Helm YAML) are left as written. */
export async function prettify(path: string, text: string): Promise<string> {
  if (path.includes('/templates/')) return text;
  const parser = PARSERS[path.slice(path.lastIndexOf('.'))];
  if (!parser) return text;
  const options = (await resolveConfig(path)) ?? {};
  return format(text, { ...options, parser, filepath: path });
}
