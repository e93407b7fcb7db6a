/**
 * A scriptable HTTPS SOAP endpoint for client tests: real TLS with the test
 * PKI's server certificate, and every request run through the independent
 * WS-Security verifier before the scripted answer is given.
 */
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { verifyWsSecurity } from '../anpr/security/verify';
import type { TestPki } from './pki';

export type Reply =
  | { status?: number; contentType?: string; body: string | Buffer; headers?: Record<string, string> }
  | 'hang'
  | 'destroy';

export interface ReceivedRequest {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  xml: string;
  verification: ReturnType<typeof verifyWsSecurity>;
}

export interface SoapEndpoint {
  url: string;
  received: ReceivedRequest[];
  reply(handler: (request: ReceivedRequest) => Reply): void;
  close(): Promise<void>;
}

export async function startSoapEndpoint(pki: TestPki, options: { serverCert?: string; serverKey?: string } = {}): Promise<SoapEndpoint> {
  let handler: (request: ReceivedRequest) => Reply = () => ({ status: 500, body: 'no handler' });
  const received: ReceivedRequest[] = [];
  const sockets = new Set<Duplex>();
  const server: Server = createServer(
    { cert: pki.pem(options.serverCert ?? 'server.crt'), key: pki.pem(options.serverKey ?? 'server.key') },
    (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const xml = Buffer.concat(chunks).toString('utf8');
        const request: ReceivedRequest = {
          path: req.url ?? '/',
          headers: req.headers,
          xml,
          verification: verifyWsSecurity(xml, { trustedCaPems: [pki.pem('ca.crt')], now: new Date() }),
        };
        received.push(request);
        const reply = handler(request);
        if (reply === 'hang') return;
        if (reply === 'destroy') return void req.socket.destroy();
        res.writeHead(reply.status ?? 200, { 'Content-Type': reply.contentType ?? 'text/xml; charset=utf-8', Date: new Date().toUTCString(), ...reply.headers });
        res.end(reply.body);
      });
    },
  );
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}`,
    received,
    reply: (next) => void (handler = next),
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export const soapEnvelope = (body: string): string =>
  `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`;

export const testataRisposta = (op: string, esito: string, idOperazioneComune: string, idOperazioneANPR = '4294967297'): string =>
  `<testataRisposta><idOperazioneComune>${idOperazioneComune}</idOperazioneComune><codMittente>ANPR</codMittente><codDestinatario>058091</codDestinatario>` +
  `<operazioneRichiesta>${op}</operazioneRichiesta><dataOraRichiesta>2026-11-26T10:20:11.543+01:00</dataOraRichiesta>` +
  `<idOperazioneANPR>${idOperazioneANPR}</idOperazioneANPR><esitoOperazione>${esito}</esitoOperazione></testataRisposta>`;

export const erroreXml = (codice: string, tipo: string, testo: string): string =>
  `<errore><codiceErroreAnomalia>${codice}</codiceErroreAnomalia><tipoErroreAnomalia>${tipo}</tipoErroreAnomalia><testoErroreAnomalia>${testo}</testoErroreAnomalia></errore>`;

/** The idOperazioneComune a request carries (for echoing it back). */
export function idOf(xml: string): string {
  return /<idOperazioneComune>([^<]*)<\/idOperazioneComune>/.exec(xml)?.[1] ?? '';
}
