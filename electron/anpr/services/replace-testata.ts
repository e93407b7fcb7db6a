/**
 * Fill or override `testataRichiesta` inside a caller-provided
 * `Richiesta<CODE>` XML (e.g. the CLI's BODY.xml): the given fields replace
 * existing ones, missing ones are inserted at their XSD position, and a
 * missing testata is created as the first child. DOM-based (xmldom).
 */
import type { Element } from '@xmldom/xmldom';
import { childByLocalName, elementChildren, localNameOf, parseXmlSafely, serializeXml } from '../xml/safe';
import { formatDateTimeXsd, TESTATA_ORDER } from '../../../shared/anpr/servizi/testata';
import type { TestataRichiestaInput } from './types';

export type TestataPatch = Partial<TestataRichiestaInput>;

function valueOf(v: TestataPatch[keyof TestataPatch]): string | undefined {
  if (v === undefined || v === null) return undefined;
  return v instanceof Date ? formatDateTimeXsd(v) : String(v);
}

/**
 * Returns the re-serialized XML with `testataRichiesta` patched.
 * A field set to `undefined` in the patch is left untouched; to remove an
 * optional field pass `null` (typed loosely for the CLI).
 */
export function replaceTestata(bodyXml: string, patch: TestataPatch | Record<string, string | Date | null | undefined>): string {
  const doc = parseXmlSafely(bodyXml);
  const root = doc.documentElement!;
  if (!/^Richiesta/.test(localNameOf(root))) {
    throw new Error(`Elemento radice inatteso: ${localNameOf(root)} (atteso Richiesta<CODICE>)`);
  }
  // Children are unqualified (elementFormDefault="unqualified"): no namespace.
  let testata = childByLocalName(root, 'testataRichiesta');
  if (!testata) {
    testata = doc.createElementNS(null, 'testataRichiesta') as unknown as Element;
    const first = elementChildren(root)[0] ?? root.firstChild;
    root.insertBefore(testata, first ?? null);
  }
  const p = patch as Record<string, string | Date | null | undefined>;
  for (const key of TESTATA_ORDER) {
    if (!(key in p)) continue;
    const raw = p[key];
    if (raw === undefined) continue;
    const existing = childByLocalName(testata, key);
    if (raw === null) {
      if (existing) testata.removeChild(existing);
      continue;
    }
    const value = valueOf(raw as TestataPatch[keyof TestataPatch])!;
    if (existing) {
      while (existing.firstChild) existing.removeChild(existing.firstChild);
      existing.appendChild(doc.createTextNode(value));
      continue;
    }
    const node = doc.createElementNS(null, key);
    node.appendChild(doc.createTextNode(value));
    // Insert before the first existing child that comes later in XSD order.
    const myIdx = TESTATA_ORDER.indexOf(key);
    const next = elementChildren(testata).find((c) => {
      const i = (TESTATA_ORDER as readonly string[]).indexOf(localNameOf(c));
      return i > myIdx;
    });
    testata.insertBefore(node, next ?? null);
  }
  const out = serializeXml(root);
  return out;
}
