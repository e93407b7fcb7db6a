/**
 * XML helpers shared by the signer and the verifier: namespace URIs,
 * algorithm URIs, exclusive-c14n escaping and a hardened DOM parser.
 */
import { DOMParser, type Document, type Element, type Node } from '@xmldom/xmldom';

export type { Document, Element, Node };

export const NS = {
  soap: 'http://schemas.xmlsoap.org/soap/envelope/',
  wsse: 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd',
  wsu: 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd',
  ds: 'http://www.w3.org/2000/09/xmldsig#',
  ec: 'http://www.w3.org/2001/10/xml-exc-c14n#',
  saml2: 'urn:oasis:names:tc:SAML:2.0:assertion',
  xs: 'http://www.w3.org/2001/XMLSchema',
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
} as const;

export const ALG = {
  excC14n: 'http://www.w3.org/2001/10/xml-exc-c14n#',
  enveloped: 'http://www.w3.org/2000/09/xmldsig#enveloped-signature',
  rsaSha256: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
  rsaSha1: 'http://www.w3.org/2000/09/xmldsig#rsa-sha1',
  sha256: 'http://www.w3.org/2001/04/xmlenc#sha256',
  sha1: 'http://www.w3.org/2000/09/xmldsig#sha1',
} as const;

export const WSS_X509V3 = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-x509-token-profile-1.0#X509v3';
export const WSS_BASE64 = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary';

/** Text-node escaping exactly as exclusive c14n renders it. */
export function c14nText(value: string): string {
  return value.replace(/[&<>\r]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&#xD;'));
}

/** Attribute-value escaping exactly as exclusive c14n renders it. */
export function c14nAttr(value: string): string {
  return value.replace(/[&<"\t\n\r]/g, (c) => {
    switch (c) {
      case '&': return '&amp;';
      case '<': return '&lt;';
      case '"': return '&quot;';
      case '\t': return '&#x9;';
      case '\n': return '&#xA;';
      default: return '&#xD;';
    }
  });
}

/** Characters XML 1.0 allows (tab, LF, CR and everything from U+0020, minus surrogates handled by JS strings). */
// eslint-disable-next-line no-control-regex
const FORBIDDEN_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

export function assertXmlSafe(name: string, value: string): void {
  if (typeof value !== 'string') throw new TypeError(`${name} must be a string`);
  if (FORBIDDEN_XML_CHARS.test(value)) throw new Error(`${name} contains characters not allowed in XML`);
}

/** Thrown by {@link parseXmlStrict}; message is English and precise. */
export class XmlParseError extends Error {}

/**
 * Parses XML with @xmldom/xmldom, refusing any DTD (`<!DOCTYPE`, `<!ENTITY`)
 * and treating every parser warning or error as fatal.
 */
export function parseXmlStrict(xml: string): Document {
  if (/<!DOCTYPE/i.test(xml) || /<!ENTITY/i.test(xml)) {
    throw new XmlParseError('document contains a DTD (<!DOCTYPE/<!ENTITY), which is refused');
  }
  let doc: Document;
  try {
    doc = new DOMParser({
      locator: false,
      onError: (level, message) => {
        throw new XmlParseError(`XML ${level}: ${message}`);
      },
    }).parseFromString(xml, 'text/xml');
  } catch (err) {
    if (err instanceof XmlParseError) throw err;
    throw new XmlParseError(`XML parse failed: ${(err as Error).message}`);
  }
  if (!doc || !doc.documentElement) throw new XmlParseError('XML has no document element');
  return doc;
}

/** Element children (no text/comments) of a node. */
export function elementChildren(node: Node): Element[] {
  const out: Element[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) if (c.nodeType === 1) out.push(c as Element);
  return out;
}

export function childrenNS(node: Node, ns: string, localName: string): Element[] {
  return elementChildren(node).filter((e) => e.namespaceURI === ns && e.localName === localName);
}

/** Base64 body of a PEM certificate (single line). */
export function pemToBase64(pem: string): string {
  const m = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/.exec(pem);
  if (!m) throw new Error('not a PEM certificate');
  return m[1]!.replace(/\s+/g, '');
}

export function base64ToPem(b64: string): string {
  const clean = b64.replace(/\s+/g, '');
  const lines = clean.match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}
