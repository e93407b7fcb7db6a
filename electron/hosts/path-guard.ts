/**
 * Maps a URL path onto a file inside `root`, refusing anything that would
 * escape it (`..`, encoded `%2e%2e`, backslashes, NUL, absolute paths).
 * Used by the `app://` protocol handler and by the web host's static files.
 */
import { isAbsolute, join, normalize, relative, resolve, sep } from 'node:path';

export function resolveInsideRoot(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const withoutQuery = decoded.split(/[?#]/)[0] ?? '';
  if (withoutQuery.split('/').some((segment) => segment === '..')) return null;
  const relativePath = normalize(withoutQuery).replace(/^([/\\])+/, '');
  const absoluteRoot = resolve(root);
  const candidate = resolve(join(absoluteRoot, relativePath));
  const rel = relative(absoluteRoot, candidate);
  if (rel.startsWith('..') || isAbsolute(rel)) return null;
  if (candidate !== absoluteRoot && !candidate.startsWith(absoluteRoot + sep)) return null;
  return candidate;
}

export const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.pdf': 'application/pdf',
  '.map': 'application/json; charset=utf-8',
};

/**
 * The renderer's Content-Security-Policy, sent as a header by both hosts.
 * `connect-src 'self'` lets the web transport reach the web host's API.
 */
export const RENDERER_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "frame-src 'self' blob:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
