/** The real ANPR client on the test PKI (comune 058091-style, postazione PC-0001), as tests and benches talk to a simulator. */
import { createAnprClient, type AnprClient, type AnprClientConfig } from '../anpr/client';
import { loadPkcs12 } from '../anpr/security/keystore';
import { ensureTestPki } from './pki';

export function clientDiProva(endpoint: string, opzioni: { p12?: string; postazione?: boolean; config?: Partial<AnprClientConfig> } = {}): AnprClient {
  const pki = ensureTestPki();
  const now = new Date();
  return createAnprClient({
    config: {
      comune: pki.istat,
      postazione: `${pki.istat}-PC-0001`,
      applicazione: 'SPORTELLO',
      operatore: 'RSSMRA80A01H501U',
      ambiente: 'TEST',
      endpoint,
      caPems: [pki.pem('ca.crt')],
      codDestinatario: 'ANPR02',
      timeouts: { default: 10_000 },
      ...opzioni.config,
    },
    keystores: {
      comune: loadPkcs12(pki.read(opzioni.p12 ?? 'comune.p12'), pki.passphrase, { now }),
      ...(opzioni.postazione === false ? {} : { postazione: loadPkcs12(pki.read('postazione.p12'), pki.passphrase, { now }) }),
    },
    clock: { now: () => new Date() },
    version: '0.1.0',
  });
}
