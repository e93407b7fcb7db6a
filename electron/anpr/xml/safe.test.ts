import { describe, expect, it } from 'vitest';
import { allByLocalName, childByLocalName, childText, parseXmlSafely, XmlParseError, XmlSecurityError } from './safe';
import { el, leaf, opt, root, serialize } from '../../../shared/xml/writer';

describe('parseXmlSafely', () => {
  it('refuses DOCTYPE and ENTITY declarations', () => {
    expect(() => parseXmlSafely('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>')).toThrow(XmlSecurityError);
    expect(() => parseXmlSafely('<!doctype html><r/>')).toThrow(XmlSecurityError);
  });
  it('throws a typed error on malformed XML', () => {
    expect(() => parseXmlSafely('<a><b></a>')).toThrow(XmlParseError);
    expect(() => parseXmlSafely('')).toThrow(XmlParseError);
    expect(() => parseXmlSafely('not xml')).toThrow(XmlParseError);
  });
  it('namespace-agnostic helpers', () => {
    const doc = parseXmlSafely('<s:E xmlns:s="urn:s"><s:B><a:R xmlns:a="urn:a"><x> 1 </x><x>2</x></a:R></s:B></s:E>');
    const b = childByLocalName(doc.documentElement, 'B');
    const r = childByLocalName(b, 'R');
    expect(childText(r, 'x')).toBe('1');
    expect(allByLocalName(doc.documentElement, 'x')).toHaveLength(2);
  });
});

describe('xml writer', () => {
  it('escapes text and attributes, skips empty optional elements', () => {
    const xml = serialize(root('ns2', 'R', 'urn:x"y', leaf('a', 'A & B <c>'), leaf('b', undefined), opt('c', leaf('d', '')), el('e')));
    expect(xml).toBe('<ns2:R xmlns:ns2="urn:x&quot;y"><a>A &amp; B &lt;c&gt;</a><e/></ns2:R>');
    expect(parseXmlSafely(xml).documentElement!.textContent).toBe('A & B <c>');
  });
  it('rejects control characters', () => {
    expect(() => leaf('a', 'x\u0001')).toThrow();
  });
});
