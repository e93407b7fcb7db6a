/**
 * MTOM/XOP (multipart/related; type="application/xop+xml") as used by ANPR
 * for 6001 certificates. Binary-safe: everything is done on Buffers.
 */
import { randomUUID } from 'node:crypto';

export class MtomError extends Error {
  override readonly name = 'MtomError';
}

export interface MimePart {
  headers: Record<string, string>;
  /** Content-ID without angle brackets, if any. */
  contentId?: string;
  contentType?: string;
  body: Buffer;
}

export interface MtomMessage {
  /** The root part (SOAP envelope with xop:Include) decoded as UTF-8. */
  rootXml: string;
  rootContentType: string;
  /** Content-ID (no angle brackets) → raw bytes. */
  attachments: Map<string, Buffer>;
  parts: MimePart[];
}

const CRLF = Buffer.from('\r\n');

/** Parses `type/subtype; a=b; c="d"` into lowercased params. */
export function parseContentType(header: string): { mediaType: string; params: Record<string, string> } {
  const params: Record<string, string> = {};
  const semi = header.indexOf(';');
  const mediaType = (semi < 0 ? header : header.slice(0, semi)).trim().toLowerCase();
  const rest = semi < 0 ? '' : header.slice(semi + 1);
  const re = /\s*([^=;\s]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))\s*;?/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(rest))) {
    const key = m[1]!.toLowerCase();
    const value = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : (m[3] ?? '').trim();
    params[key] = value;
  }
  return { mediaType, params };
}

export function isMultipartRelated(contentType: string | undefined): boolean {
  return !!contentType && parseContentType(contentType).mediaType === 'multipart/related';
}

export function stripAngles(id: string): string {
  const t = id.trim();
  return t.startsWith('<') && t.endsWith('>') ? t.slice(1, -1) : t;
}

/** Normalises a `cid:` URL (RFC 2392: percent-encoded) to a bare Content-ID. */
export function cidToContentId(href: string): string {
  const h = href.trim();
  const raw = /^cid:/i.test(h) ? h.slice(4) : h;
  try {
    return stripAngles(decodeURIComponent(raw));
  } catch {
    return stripAngles(raw);
  }
}

function parseHeaders(block: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = block.split(/\r?\n/);
  let last: string | undefined;
  for (const line of lines) {
    if (/^[ \t]/.test(line) && last) {
      out[last] += ' ' + line.trim();
      continue;
    }
    const i = line.indexOf(':');
    if (i <= 0) continue;
    last = line.slice(0, i).trim().toLowerCase();
    out[last] = line.slice(i + 1).trim();
  }
  return out;
}

function decodeBody(body: Buffer, cte: string | undefined): Buffer {
  const enc = (cte ?? 'binary').trim().toLowerCase();
  if (enc === 'base64') return Buffer.from(body.toString('latin1').replace(/[^A-Za-z0-9+/=]/g, ''), 'base64');
  if (enc === 'quoted-printable') {
    const s = body.toString('latin1').replace(/=\r?\n/g, '');
    const bytes: number[] = [];
    for (let i = 0; i < s.length; i++) {
      if (s[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(s.slice(i + 1, i + 3))) {
        bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
        i += 2;
      } else bytes.push(s.charCodeAt(i) & 0xff);
    }
    return Buffer.from(bytes);
  }
  return body;
}

/** Splits a multipart body into parts (RFC 2046), binary-safe. */
export function parseMultipart(body: Buffer, boundary: string): MimePart[] {
  if (!boundary) throw new MtomError('multipart: boundary mancante');
  const dash = Buffer.from(`--${boundary}`);
  const delim = Buffer.concat([CRLF, dash]);
  // First delimiter: at the very start, or after a preamble ending in CRLF.
  let pos: number;
  if (body.subarray(0, dash.length).equals(dash)) pos = 0;
  else {
    const i = body.indexOf(delim);
    if (i < 0) throw new MtomError('multipart: delimitatore iniziale non trovato');
    pos = i + 2;
  }
  const parts: MimePart[] = [];
  for (;;) {
    let p = pos + dash.length;
    // Close delimiter?
    if (body[p] === 0x2d && body[p + 1] === 0x2d) break;
    // Skip transport padding up to CRLF.
    const eol = body.indexOf(CRLF, p);
    if (eol < 0) throw new MtomError('multipart: parte troncata');
    p = eol + 2;
    const next = body.indexOf(delim, p);
    if (next < 0) throw new MtomError('multipart: delimitatore finale mancante');
    const raw = body.subarray(p, next);
    // Headers end at the first empty line.
    let hEnd = raw.indexOf('\r\n\r\n');
    let sepLen = 4;
    if (hEnd < 0) {
      hEnd = raw.indexOf('\n\n');
      sepLen = 2;
    }
    if (raw.subarray(0, 2).equals(CRLF)) {
      hEnd = 0;
      sepLen = 2;
    }
    if (hEnd < 0) throw new MtomError('multipart: intestazioni della parte non terminate');
    const headers = parseHeaders(raw.subarray(0, hEnd).toString('latin1'));
    const content = decodeBody(raw.subarray(hEnd + sepLen), headers['content-transfer-encoding']);
    const part: MimePart = { headers, body: content };
    if (headers['content-id']) part.contentId = stripAngles(headers['content-id']);
    if (headers['content-type']) part.contentType = headers['content-type'];
    parts.push(part);
    pos = next + 2;
  }
  return parts;
}

/**
 * Parses an MTOM HTTP response. `contentType` is the HTTP Content-Type header
 * (with boundary, optional start). The root part is the `start` part or the first.
 */
export function parseMtom(contentType: string, body: Buffer): MtomMessage {
  const { mediaType, params } = parseContentType(contentType);
  if (mediaType !== 'multipart/related') throw new MtomError(`Content-Type non multipart/related: ${mediaType}`);
  const parts = parseMultipart(body, params.boundary ?? '');
  if (parts.length === 0) throw new MtomError('multipart senza parti');
  const start = params.start ? stripAngles(params.start) : undefined;
  const rootPart = (start && parts.find((p) => p.contentId === start)) || parts[0]!;
  const attachments = new Map<string, Buffer>();
  for (const p of parts) if (p !== rootPart && p.contentId) attachments.set(p.contentId, p.body);
  const charset = rootPart.contentType ? parseContentType(rootPart.contentType).params.charset : undefined;
  const rootXml = rootPart.body.toString(charset && /^utf-?16/i.test(charset) ? 'utf16le' : 'utf8');
  return { rootXml, rootContentType: rootPart.contentType ?? '', attachments, parts };
}

export interface MtomAttachment {
  contentId: string;
  data: Buffer;
  contentType?: string;
}

export interface BuiltMtom {
  contentType: string;
  body: Buffer;
  boundary: string;
}

/** `<xop:Include>` element text for a Content-ID. */
export function xopInclude(contentId: string): string {
  return `<xop:Include xmlns:xop="http://www.w3.org/2004/08/xop/include" href="cid:${encodeURIComponent(contentId).replace(/%40/g, '@')}"/>`;
}

/**
 * Builds an MTOM response like ANPR's (for the simulator): `xml` is the SOAP
 * envelope already containing `xop:Include href="cid:…"` elements.
 */
export function buildMtomResponse(
  xml: string,
  attachments: readonly MtomAttachment[] | ReadonlyMap<string, Buffer>,
  opts: { boundary?: string; rootContentId?: string; soapContentType?: string } = {},
): BuiltMtom {
  const list: MtomAttachment[] =
    attachments instanceof Map ? [...attachments].map(([contentId, data]) => ({ contentId, data })) : [...(attachments as readonly MtomAttachment[])];
  const boundary = opts.boundary ?? `uuid:${randomUUID()}`;
  const rootId = opts.rootContentId ?? 'root.message@sportello-anpr';
  const soapType = opts.soapContentType ?? 'text/xml';
  const chunks: Buffer[] = [];
  const push = (s: string): void => {
    chunks.push(Buffer.from(s, 'utf8'));
  };
  push(`--${boundary}\r\n`);
  push(`Content-Type: application/xop+xml; charset=UTF-8; type="${soapType}"\r\n`);
  push('Content-Transfer-Encoding: binary\r\n');
  push(`Content-ID: <${rootId}>\r\n\r\n`);
  push(xml);
  for (const a of list) {
    push(`\r\n--${boundary}\r\n`);
    push(`Content-Type: ${a.contentType ?? 'application/octet-stream'}\r\n`);
    push('Content-Transfer-Encoding: binary\r\n');
    push(`Content-ID: <${a.contentId}>\r\n\r\n`);
    chunks.push(a.data);
  }
  push(`\r\n--${boundary}--\r\n`);
  return {
    boundary,
    body: Buffer.concat(chunks),
    contentType: `multipart/related; type="application/xop+xml"; boundary="${boundary}"; start="<${rootId}>"; start-info="${soapType}"`,
  };
}
