import { describe, expect, it } from 'vitest';
import { buildMtomResponse, cidToContentId, parseMtom, xopInclude } from './mtom';

function pdfLike(): Buffer {
  const parts: Buffer[] = [
    Buffer.from('%PDF-1.4\r\n%\xe2\xe3\xcf\xd3\r\n', 'latin1'),
    Buffer.from('\r\n--uuid:not-the-boundary\r\n\r\n'),
    Buffer.from('--\r\n\r\n--'),
  ];
  const bin = Buffer.alloc(4096);
  for (let i = 0; i < bin.length; i++) bin[i] = (i * 131 + 7) & 0xff;
  parts.push(bin, Buffer.from([0x0d, 0x0a, 0x2d, 0x2d, 0x00, 0xff, 0x0d]), Buffer.from('\r\n%%EOF\r\n'));
  return Buffer.concat(parts);
}

describe('MTOM', () => {
  it('round trip is byte-exact with CRLF and boundary-like bytes', () => {
    const pdf = pdfLike();
    const cid = 'cert-1@anpr.interno.it';
    const xml = `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><x>${xopInclude(cid)}</x></soap:Body></soap:Envelope>`;
    const built = buildMtomResponse(xml, [{ contentId: cid, data: pdf, contentType: 'application/pdf' }]);
    const parsed = parseMtom(built.contentType, built.body);
    expect(parsed.rootXml).toBe(xml);
    expect(parsed.attachments.get(cid)!.equals(pdf)).toBe(true);
    expect(cidToContentId('cid:cert-1%40anpr.interno.it')).toBe(cid);
  });

  it('parses a CXF-style message with a preamble, unquoted boundary and base64 part', () => {
    const b = 'uuid:1f2e';
    const body = Buffer.from(
      `preamble\r\n--${b}\r\nContent-Type: application/xop+xml; charset=UTF-8; type="text/xml"\r\nContent-ID: <root>\r\n\r\n<r/>\r\n` +
        `--${b}\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\nContent-ID: <a1>\r\n\r\nJVBERi0xLjQK\r\n--${b}--\r\n`,
    );
    const m = parseMtom(`multipart/related; type="application/xop+xml"; boundary=${b}; start="<root>"`, body);
    expect(m.rootXml).toBe('<r/>');
    expect(m.attachments.get('a1')!.toString()).toBe('%PDF-1.4\n');
  });

  it('throws on a truncated multipart', () => {
    expect(() => parseMtom('multipart/related; boundary=x', Buffer.from('--x\r\nA: b\r\n\r\nno end'))).toThrow();
  });
});
