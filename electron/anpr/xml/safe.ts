/**
 * Safe XML parsing for everything that comes from the network or from a
 * caller-provided file: no DTD, no entity declarations (XXE / billion laughs),
 * malformed input is a typed error, never a half-parsed document.
 */
import { DOMParser, XMLSerializer } from '@xmldom/xmldom';
import type { Document, Element, Node } from '@xmldom/xmldom';

export type { Document, Element, Node };

export class XmlSecurityError extends Error {
  override readonly name = 'XmlSecurityError';
  readonly code = 'xml_dtd_vietato' as const;
}

export class XmlParseError extends Error {
  override readonly name = 'XmlParseError';
  readonly code = 'xml_malformato' as const;
}

const FORBIDDEN = /<!\s*(DOCTYPE|ENTITY|ELEMENT|ATTLIST|NOTATION)/i;

/** Node type constants (xmldom does not export them as an enum). */
export const ELEMENT_NODE = 1;
export const TEXT_NODE = 3;
export const CDATA_SECTION_NODE = 4;

/**
 * Parses `text` as XML. Throws {@link XmlSecurityError} if the text contains
 * any DTD declaration (DOCTYPE, ENTITY…), {@link XmlParseError} if malformed.
 */
export function parseXmlSafely(text: string): Document {
  if (typeof text !== 'string') throw new XmlParseError('XML input is not a string');
  // A BOM is legal; strip it so the prolog check below is simple.
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (FORBIDDEN.test(src)) {
    throw new XmlSecurityError('XML with a DOCTYPE/ENTITY declaration refused');
  }
  if (src.trim() === '') throw new XmlParseError('Empty XML document');
  const problems: string[] = [];
  let doc: Document;
  try {
    doc = new DOMParser({
      onError: (level, message) => {
        if (level === 'warning') return;
        problems.push(String(message));
        // Make xmldom stop at the first error instead of recovering.
        throw new XmlParseError(String(message));
      },
    }).parseFromString(src, 'text/xml');
  } catch (err) {
    if (err instanceof XmlParseError) throw err;
    throw new XmlParseError(err instanceof Error ? err.message : String(err));
  }
  if (problems.length > 0) throw new XmlParseError(problems.join('; '));
  if (!doc.documentElement) throw new XmlParseError('XML document without a root element');
  return doc;
}

export function serializeXml(node: Node): string {
  return new XMLSerializer().serializeToString(node);
}

export function isElement(n: Node | null | undefined): n is Element {
  return !!n && n.nodeType === ELEMENT_NODE;
}

export function localNameOf(n: Node): string {
  const ln = (n as Element).localName;
  if (ln) return ln;
  const name = n.nodeName;
  const i = name.indexOf(':');
  return i >= 0 ? name.slice(i + 1) : name;
}

/** Element children (any namespace). */
export function elementChildren(parent: Node | null | undefined): Element[] {
  const out: Element[] = [];
  if (!parent) return out;
  for (let c = parent.firstChild; c; c = c.nextSibling) if (isElement(c)) out.push(c);
  return out;
}

/** First direct child with the given local name, namespace ignored. */
export function childByLocalName(parent: Node | null | undefined, name: string): Element | undefined {
  if (!parent) return undefined;
  for (let c = parent.firstChild; c; c = c.nextSibling) {
    if (isElement(c) && localNameOf(c) === name) return c;
  }
  return undefined;
}

/** All direct children with the given local name. */
export function childrenByLocalName(parent: Node | null | undefined, name: string): Element[] {
  return elementChildren(parent).filter((c) => localNameOf(c) === name);
}

/** Walks a path of local names (direct children). */
export function pathByLocalName(parent: Node | null | undefined, ...names: string[]): Element | undefined {
  let cur: Node | undefined = parent ?? undefined;
  for (const n of names) {
    cur = childByLocalName(cur, n);
    if (!cur) return undefined;
  }
  return cur as Element | undefined;
}

/** All descendants (document order) with the given local name. */
export function allByLocalName(root: Node | null | undefined, name: string): Element[] {
  const out: Element[] = [];
  const walk = (n: Node): void => {
    for (let c = n.firstChild; c; c = c.nextSibling) {
      if (isElement(c)) {
        if (localNameOf(c) === name) out.push(c);
        walk(c);
      }
    }
  };
  if (root) walk(root);
  return out;
}

/** First descendant with the given local name. */
export function firstByLocalName(root: Node | null | undefined, name: string): Element | undefined {
  return allByLocalName(root, name)[0];
}

/** Concatenated text content (text + CDATA), untrimmed. */
export function textOf(n: Node | null | undefined): string {
  if (!n) return '';
  return n.textContent ?? '';
}

/** Trimmed text of a direct child, or undefined when the child is absent. */
export function childText(parent: Node | null | undefined, name: string): string | undefined {
  const c = childByLocalName(parent, name);
  return c ? textOf(c).trim() : undefined;
}
