import type { BundleCa } from '../../../shared/ipc/contract';
import { KeystoreError } from '../../anpr/security/keystore';
import { CaBundleError } from '../../anpr/transport/ca-bundle';
import type { StatoCaBundle } from '../../anpr/transport/ca-bundle-store';
import { AppError } from '../../platform/ipc/app-error';
import type { CoreServices, DomainHandlers } from './services';

const GIORNI_AVVISO_CA = 30;

function vistaCa(stato: StatoCaBundle, now: Date): BundleCa {
  const certificati = (stato.bundle?.certificates ?? []).map((c) => {
    const giorni = Math.floor((c.validTo.getTime() - now.getTime()) / 86_400_000);
    return {
      subject: c.subject,
      issuer: c.issuer,
      commonName: c.commonName,
      validoDal: c.validFrom.toISOString(),
      validoFino: c.validTo.toISOString(),
      sha256: c.fingerprint256,
      ca: c.isCa,
      giorniAllaScadenza: giorni,
      scaduto: c.expired,
      inScadenza: !c.expired && giorni <= GIORNI_AVVISO_CA,
    };
  });
  return { origine: stato.origine, importatoIl: stato.importatoIl, certificati, avvisi: stato.bundle?.warnings ?? [], errore: stato.errore };
}

export function certificatiHandlers(services: CoreServices): DomainHandlers<'certificati'> {
  const now = () => services.options.clock.now();
  return {
    'certificati.elenco': () => ({ comune: services.keystores.info('comune'), postazione: services.keystores.info('postazione') }),
    'certificati.importa': ({ tipo, p12Base64, passphrase }) => {
      try {
        return services.keystores.import(tipo, Buffer.from(p12Base64, 'base64'), passphrase);
      } catch (error) {
        if (error instanceof KeystoreError) throw new AppError(error.code, error.message, error.detail);
        throw error;
      }
    },
    'certificati.ca': () => vistaCa(services.ca.stato(), now()),
    'certificati.importaCa': ({ pem }) => {
      try {
        const bundle = services.ca.import(pem);
        services.logger?.info('ANPR CA bundle imported', { certificates: bundle.certificates.length, fingerprints: bundle.certificates.map((c) => c.fingerprint256).join(',') });
      } catch (error) {
        if (error instanceof CaBundleError) throw new AppError(error.code, error.message, `ANPR CA bundle refused: ${error.code}`);
        throw error;
      }
      return vistaCa(services.ca.stato(), now());
    },
    'certificati.rimuoviCa': () => {
      services.ca.remove();
      services.logger?.info('imported ANPR CA bundle removed');
      return vistaCa(services.ca.stato(), now());
    },
  };
}
