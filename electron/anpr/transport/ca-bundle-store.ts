/**
 * The ANPR CA bundle the administrator imports from Impostazioni: one PEM
 * file in the data folder (`certificati/anpr-ca-bundle.pem`). When none is
 * imported, the bundle shipped in resources is used, if there is one.
 * Import is stricter than load: the file must be PEM, contain only CA
 * certificates and at least one still valid, so a wrong file is refused at
 * the desk rather than failing every call later.
 */
import { existsSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock } from '../../core/clock';
import { CaBundleError, loadCaBundle, parseCaBundle, type CaBundle } from './ca-bundle';

export type OrigineCa = 'importato' | 'predefinito';

export interface StatoCaBundle {
  /** null: no bundle at all (neither imported nor shipped). */
  origine: OrigineCa | null;
  importatoIl: string | null;
  bundle: CaBundle | null;
  /** Italian: why the present file cannot be used (unreadable, corrupt). */
  errore: string | null;
}

export interface CaBundleStore {
  /** Validates and stores a PEM bundle, replacing an earlier one. Throws CaBundleError (Italian) when refused. */
  import(pem: string): CaBundle;
  stato(): StatoCaBundle;
  /** The bundle to trust for ANPR: the imported one, else the shipped one. Throws CaBundleError. */
  load(): CaBundle;
  remove(): void;
}

export const CA_BUNDLE_FILE = 'anpr-ca-bundle.pem';
const NON_PEM =
  'Il file scelto non è un bundle PEM: deve contenere uno o più blocchi -----BEGIN CERTIFICATE----- (la catena della CA di ANPR, file .pem o .crt in formato testo).';
const MANCANTE =
  "Manca il bundle CA di ANPR: importare il file PEM della CA di ANPR in Impostazioni › Certificati › Bundle CA di ANPR.";

export function createCaBundleStore({ dir, clock, defaultPath }: { dir: string; clock: Clock; defaultPath: string }): CaBundleStore {
  const file = join(dir, CA_BUNDLE_FILE);
  const origine = (): OrigineCa | null => (existsSync(file) ? 'importato' : existsSync(defaultPath) ? 'predefinito' : null);

  return {
    import(pem) {
      const now = clock.now();
      if (!/-----BEGIN CERTIFICATE-----/.test(pem)) throw new CaBundleError('CA_FILE_NO_CERTIFICATES', NON_PEM, 'file importato');
      const bundle = parseCaBundle(pem, { source: 'file importato', now });
      const nonCa = bundle.certificates.filter((c) => !c.isCa);
      if (nonCa.length > 0) {
        throw new CaBundleError(
          'CA_CERT_INVALID',
          `Il file contiene certificati che non sono di una CA (${nonCa.map((c) => c.commonName).join(', ')}): importare la catena della CA di ANPR, non il certificato del server.`,
          'file importato',
        );
      }
      if (bundle.certificates.every((c) => c.expired || c.notYetValid)) {
        throw new CaBundleError(
          'CA_CERT_INVALID',
          'Tutti i certificati del bundle sono scaduti o non ancora validi: procurarsi la catena aggiornata della CA di ANPR.',
          'file importato',
        );
      }
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      const tmp = `${file}.tmp-${process.pid}`;
      writeFileSync(tmp, bundle.pems.join(''), { mode: 0o600 });
      renameSync(tmp, file);
      return { ...bundle, source: file };
    },

    stato() {
      const o = origine();
      if (!o) return { origine: null, importatoIl: null, bundle: null, errore: MANCANTE };
      const path = o === 'importato' ? file : defaultPath;
      const importatoIl = o === 'importato' ? statSync(file).mtime.toISOString() : null;
      try {
        return { origine: o, importatoIl, bundle: loadCaBundle(path, { now: clock.now() }), errore: null };
      } catch (error) {
        return { origine: o, importatoIl, bundle: null, errore: error instanceof Error ? error.message : String(error) };
      }
    },

    load() {
      const o = origine();
      if (!o) throw new CaBundleError('CA_FILE_MISSING', MANCANTE, file);
      return loadCaBundle(o === 'importato' ? file : defaultPath, { now: clock.now() });
    },

    remove() {
      rmSync(file, { force: true });
    },
  };
}

