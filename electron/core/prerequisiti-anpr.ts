/**
 * What must be in place before any call to ANPR in TEST/PRODUZIONE: a usable
 * comune certificate and a CA bundle to trust. Each problem comes with an
 * Italian message that says what is missing and where to fix it, a code, and
 * an English log line.
 */
import type { KeystoreStore } from '../anpr/security/keystore-store';
import type { CaBundleStore } from '../anpr/transport/ca-bundle-store';
import { KeystoreError } from '../anpr/security/keystore';

export interface Problema {
  codice: string;
  messaggio: string;
  log: string;
}

/** What stops a TEST/PRODUZIONE call before it is made; null when the comune certificate is usable. */
export function problemaCertificato(keystores: KeystoreStore): Problema | null {
  const info = keystores.info('comune');
  if (!info) {
    return {
      codice: 'CERTIFICATO_COMUNE_MANCANTE',
      messaggio: 'Manca il certificato del comune: importarlo in Impostazioni › Certificati (file nnnnnn-CO-9999.p12 con la sua password).',
      log: 'comune certificate not imported',
    };
  }
  try {
    keystores.load('comune');
    return null;
  } catch (error) {
    if (!(error instanceof KeystoreError)) throw error;
    const azione =
      error.code === 'CERTIFICATO_SCADUTO'
        ? 'importare il certificato rinnovato in Impostazioni › Certificati.'
        : error.code === 'PASSPHRASE_ERRATA'
          ? 'importarlo di nuovo in Impostazioni › Certificati con la password corretta.'
          : 'importarlo di nuovo in Impostazioni › Certificati.';
    return {
      codice: error.code === 'KEYSTORE_ASSENTE' ? 'CERTIFICATO_COMUNE_MANCANTE' : `CERTIFICATO_COMUNE_${error.code}`,
      messaggio: `Il certificato del comune non è utilizzabile: ${error.message.replace(/\.$/, '')}. Cosa fare: ${azione}`,
      log: `comune certificate unusable: ${error.code} (${error.detail ?? error.message})`,
    };
  }
}

/** What is wrong with the CA bundle for TEST/PRODUZIONE; null when it can be trusted. */
export function problemaCa(ca: CaBundleStore): Problema | null {
  const stato = ca.stato();
  if (!stato.origine) return { codice: 'CA_ANPR_MANCANTE', messaggio: stato.errore ?? 'Manca il bundle CA di ANPR.', log: 'ANPR CA bundle missing' };
  if (!stato.bundle) {
    return {
      codice: 'CA_ANPR_NON_VALIDA',
      messaggio: `Il bundle CA di ANPR non è utilizzabile: ${stato.errore ?? ''} Importare di nuovo il file PEM della CA in Impostazioni › Certificati.`.replace(/\s+/g, ' '),
      log: `ANPR CA bundle unreadable (${stato.origine})`,
    };
  }
  if (stato.bundle.certificates.every((c) => c.expired || c.notYetValid)) {
    return {
      codice: 'CA_ANPR_SCADUTA',
      messaggio: 'Il bundle CA di ANPR è scaduto: la connessione ad ANPR non può essere verificata. Importare la catena aggiornata della CA in Impostazioni › Certificati.',
      log: 'every certificate of the ANPR CA bundle is expired or not yet valid',
    };
  }
  return null;
}
