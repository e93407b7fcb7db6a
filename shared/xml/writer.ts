/**
 * Tiny XML writer used by the request builders: a tree of plain objects,
 * text always escaped, `undefined`/`null`/'' leaves skipped so optional XSD
 * elements simply disappear. Output is compact (no indentation) so it can be
 * signed and validated as-is.
 */

export interface XmlElement {
  readonly name: string;
  readonly attrs?: Readonly<Record<string, string>>;
  readonly children?: readonly XmlChild[];
  readonly text?: string;
}

export type XmlChild = XmlElement | undefined | null | false | readonly XmlChild[];

export type XmlScalar = string | number | bigint | boolean | undefined | null;

export function escapeText(s: string): string {
  return s.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

export function escapeAttr(s: string): string {
  return s.replace(/[&<>"'\r\n\t]/g, (c) => {
    switch (c) {
      case '&':
        return '&amp;';
      case '<':
        return '&lt;';
      case '>':
        return '&gt;';
      case '"':
        return '&quot;';
      case "'":
        return '&apos;';
      case '\r':
        return '&#13;';
      case '\n':
        return '&#10;';
      default:
        return '&#9;';
    }
  });
}

// eslint-disable-next-line no-control-regex
const INVALID_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

function scalarToString(v: XmlScalar): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'boolean') return v ? '1' : '0';
  const s = String(v);
  if (INVALID_XML_CHARS.test(s)) {
    throw new Error('Value contains characters not allowed in XML');
  }
  return s;
}

/** Element with children (always emitted, for mandatory containers). */
export function el(name: string, ...children: XmlChild[]): XmlElement {
  return { name, children };
}

/** Optional container: omitted when it has no non-empty child. */
export function opt(name: string, ...children: XmlChild[]): XmlElement | undefined {
  return hasContent(children) ? { name, children } : undefined;
}

/** Leaf element with text; omitted when the value is undefined, null or ''. */
export function leaf(name: string, value: XmlScalar): XmlElement | undefined {
  const s = scalarToString(value);
  if (s === undefined || s === '') return undefined;
  return { name, text: s };
}

/** Repeated leaf elements. */
export function leaves(name: string, values: readonly XmlScalar[] | undefined): XmlElement[] {
  return (values ?? []).map((v) => leaf(name, v)).filter((x): x is XmlElement => !!x);
}

/** Maps a list of inputs to repeated elements (skipping empty results). */
export function many<T>(values: readonly T[] | undefined, fn: (v: T) => XmlChild): XmlChild[] {
  return (values ?? []).map(fn);
}

/** Namespace-qualified root, e.g. `root('ns2', 'Richiesta3002', ns, …)`. */
export function root(prefix: string, localName: string, namespace: string, ...children: XmlChild[]): XmlElement {
  return { name: `${prefix}:${localName}`, attrs: { [`xmlns:${prefix}`]: namespace }, children };
}

function hasContent(children: readonly XmlChild[] | undefined): boolean {
  if (!children) return false;
  for (const c of children) {
    if (!c) continue;
    if (Array.isArray(c)) {
      if (hasContent(c as readonly XmlChild[])) return true;
      continue;
    }
    return true;
  }
  return false;
}

function write(node: XmlChild, out: string[]): void {
  if (!node) return;
  if (Array.isArray(node)) {
    for (const c of node as readonly XmlChild[]) write(c, out);
    return;
  }
  const e = node as XmlElement;
  out.push('<', e.name);
  if (e.attrs) for (const [k, v] of Object.entries(e.attrs)) out.push(' ', k, '="', escapeAttr(v), '"');
  const hasKids = hasContent(e.children);
  if (!hasKids && (e.text === undefined || e.text === '')) {
    out.push('/>');
    return;
  }
  out.push('>');
  if (e.text !== undefined) out.push(escapeText(e.text));
  if (e.children) for (const c of e.children) write(c, out);
  out.push('</', e.name, '>');
}

export function serialize(node: XmlChild): string {
  const out: string[] = [];
  write(node, out);
  return out.join('');
}
