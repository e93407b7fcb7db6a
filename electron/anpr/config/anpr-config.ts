/**
 * Configuration file for a real ANPR connection (CLI and app): who we are
 * (comune, postazione, applicazione, operatore), where ANPR is (endpoint,
 * CA bundle) and which keys sign (PKCS#12 keystores).
 *
 * Relative paths are resolved against the folder of the config file, so a
 * config folder can be moved as a whole. Errors are Italian and list every
 * invalid key at once.
 *
 * Example:
 * {
 *   "comune": "058091",
 *   "postazione": "058091-CO-9999",
 *   "applicazione": "12345",
 *   "operatore": "RSSMRA80A01H501U",
 *   "ambiente": "TEST",
 *   "endpoint": "https://wstest.anpr.interno.it",
 *   "caFile": "anpr-ca-bundle.pem",
 *   "keystore": { "p12": "058091-CO-9999.p12", "passphraseEnv": "ANPR_P12_PASSPHRASE" },
 *   "timeouts": { "default": 60000, "6001": 120000 }
 * }
 */
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { VERSIONE_INTERFACCIA } from '../../../shared/anpr/versione-interfaccia';

/**
 * Interface version (`testataRichiesta/codDestinatario`). anpr-protocol.md §3
 * documents the ANPRnn scheme (ANPR02 in 2019); design-notes.md A.1 records
 * ANPR05 as the currently active contract (ANPR04..02 still supported).
 * Configurable because ANPR bumps it with each major release.
 */
export const DEFAULT_COD_DESTINATARIO = VERSIONE_INTERFACCIA.codDestinatario;
export const DEFAULT_TIMEOUT_MS = 60_000;

const obbligatorio = (iss: { input?: unknown }, atteso: string): string =>
  iss.input === undefined ? 'obbligatorio' : `deve essere ${atteso}`;

const testo = (atteso = 'un testo') => z.string({ error: (iss) => obbligatorio(iss, atteso) }).trim();

const PercorsoSchema = testo('un percorso di file').min(1, { error: 'non può essere vuoto' });

const KeystoreSchema = z
  .strictObject(
    {
      p12: PercorsoSchema,
      /** Plain passphrase (discouraged: prefer passphraseEnv). */
      passphrase: z.string({ error: 'deve essere un testo' }).optional(),
      /** Name of an environment variable holding the passphrase. */
      passphraseEnv: testo('il nome di una variabile d\'ambiente')
        .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { error: "deve essere il nome di una variabile d'ambiente" })
        .optional(),
    },
    { error: (iss) => (iss.input === undefined ? 'obbligatorio' : 'deve essere un oggetto { p12, passphrase }') },
  )
  .refine((k) => (k.passphrase === undefined) !== (k.passphraseEnv === undefined), {
    error: 'indicare esattamente uno tra passphrase e passphraseEnv',
  });

const ServiceCode = /^(?:default|[0-9A-Z]{4})$/;

export const AnprConfigFileSchema = z.strictObject(
  {
    comune: testo('il codice ISTAT del comune (6 cifre, tra virgolette)').regex(/^\d{6}$/, {
      error: 'deve essere il codice ISTAT del comune di 6 cifre (es. "058091")',
    }),
    postazione: testo('l\'IdPostazione (es. "058091-CO-9999")')
      .min(1, { error: 'non può essere vuoto' })
      .max(64, { error: 'al massimo 64 caratteri' })
      .regex(/^\S+$/, { error: 'non può contenere spazi' }),
    applicazione: testo('l\'IdApplicazione assegnato da ANPR')
      .min(1, { error: 'non può essere vuoto' })
      .max(64, { error: 'al massimo 64 caratteri' }),
    operatore: testo('il codice fiscale dell\'operatore')
      .toUpperCase()
      .regex(/^(?:[A-Z0-9]{16}|\d{11})$/, {
        error: "deve essere il codice fiscale dell'operatore (16 caratteri alfanumerici o 11 cifre)",
      }),
    ambiente: testo('il tipoInvio (es. "TEST" o "PROD")')
      .min(1, { error: 'non può essere vuoto' })
      .max(20, { error: 'al massimo 20 caratteri (tipoInvio)' }),
    endpoint: testo('un indirizzo https://').superRefine((value, ctx) => {
      let u: URL;
      try {
        u = new URL(value);
      } catch {
        ctx.addIssue({ code: 'custom', message: 'deve essere un indirizzo valido, es. "https://wstest.anpr.interno.it"' });
        return;
      }
      if (u.protocol !== 'https:') ctx.addIssue({ code: 'custom', message: 'deve iniziare con https://' });
      if (u.search || u.hash) ctx.addIssue({ code: 'custom', message: 'non deve contenere parametri (?…) o frammenti (#…)' });
      if (u.username || u.password) ctx.addIssue({ code: 'custom', message: 'non deve contenere credenziali' });
    }),
    caFile: PercorsoSchema,
    keystore: KeystoreSchema,
    postazioneKeystore: KeystoreSchema.optional(),
    dataDir: PercorsoSchema.optional(),
    codDestinatario: testo()
      .regex(/^[A-Za-z0-9]{1,6}$/, { error: 'deve essere la versione di interfaccia, al massimo 6 caratteri (es. "ANPR05")' })
      .default(DEFAULT_COD_DESTINATARIO),
    timeouts: z
      .record(
        z.string().regex(ServiceCode, { error: 'chiave non valida: usare "default" o un codice servizio di 4 caratteri (es. "6001")' }),
        z
          .number({ error: 'deve essere un numero di millisecondi' })
          .int({ error: 'deve essere un numero intero di millisecondi' })
          .min(1_000, { error: 'almeno 1000 millisecondi' })
          .max(600_000, { error: 'al massimo 600000 millisecondi (10 minuti)' }),
        { error: 'deve essere un oggetto { "default": 60000, "6001": 120000 }' },
      )
      .optional(),
    algorithms: z
      .strictObject(
        {
          signature: z.enum(['rsa-sha1', 'rsa-sha256'], { error: 'deve essere "rsa-sha1" o "rsa-sha256"' }).optional(),
          digest: z.enum(['sha1', 'sha256'], { error: 'deve essere "sha1" o "sha256"' }).optional(),
        },
        { error: 'deve essere un oggetto { signature, digest }' },
      )
      .optional(),
  },
  { error: 'il file deve contenere un oggetto JSON' },
);

export type AnprConfigFile = z.input<typeof AnprConfigFileSchema>;

export interface KeystoreRef {
  /** Absolute path of the .p12/.pfx. */
  p12: string;
  passphrase: string;
}

export interface AnprConfig {
  /** Absolute path of the file this came from. */
  configPath: string;
  comune: string;
  postazione: string;
  applicazione: string;
  /** Upper-case codice fiscale (or 11-digit numeric code). */
  operatore: string;
  /** `tipoInvio`. */
  ambiente: string;
  /** Base URL without trailing slash. */
  endpoint: string;
  /** Absolute path. */
  caFile: string;
  keystore: KeystoreRef;
  postazioneKeystore?: KeystoreRef;
  /** Absolute path. */
  dataDir?: string;
  codDestinatario: string;
  /** Milliseconds per service code, plus `default`. */
  timeouts: Record<string, number>;
  algorithms: { signature?: 'rsa-sha1' | 'rsa-sha256'; digest?: 'sha1' | 'sha256' };
}

/** Italian error listing every problem; `problemi` holds one line per key. */
export class AnprConfigError extends Error {
  constructor(
    readonly configPath: string,
    readonly problemi: string[],
  ) {
    super(`Configurazione ANPR non valida (${configPath}):\n${problemi.map((p) => `- ${p}`).join('\n')}`);
    this.name = 'AnprConfigError';
  }
}

function keyPath(path: readonly PropertyKey[]): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : String(p))).join('.').replace(/\.\[/g, '[');
}

function formatIssues(error: z.ZodError): string[] {
  const out: string[] = [];
  for (const iss of error.issues) {
    const where = keyPath(iss.path);
    if (iss.code === 'unrecognized_keys') {
      for (const k of iss.keys) out.push(`${where ? `${where}.` : ''}${k}: chiave non prevista`);
      continue;
    }
    // A bad record key: report the key's own message, not the record's.
    const message = iss.code === 'invalid_key' ? (iss.issues[0]?.message ?? iss.message) : iss.message;
    out.push(where ? `${where}: ${message}` : message);
  }
  return out;
}

export interface LoadAnprConfigOptions {
  /** Where `passphraseEnv` is looked up (default `process.env`). */
  env?: Record<string, string | undefined>;
}

/** Validates an already-parsed object; `configPath` anchors relative paths. */
export function parseAnprConfig(raw: unknown, configPath: string, opts: LoadAnprConfigOptions = {}): AnprConfig {
  const absConfig = resolve(configPath);
  const parsed = AnprConfigFileSchema.safeParse(raw);
  if (!parsed.success) throw new AnprConfigError(absConfig, formatIssues(parsed.error));
  const c = parsed.data;
  const base = dirname(absConfig);
  const abs = (p: string): string => (isAbsolute(p) ? p : resolve(base, p));
  const env = opts.env ?? process.env;
  const problemi: string[] = [];

  const keystore = (k: z.output<typeof KeystoreSchema>, key: string): KeystoreRef => {
    let passphrase = k.passphrase;
    if (k.passphraseEnv !== undefined) {
      passphrase = env[k.passphraseEnv];
      if (passphrase === undefined) {
        problemi.push(`${key}.passphraseEnv: la variabile d'ambiente ${k.passphraseEnv} non è impostata`);
      }
    }
    return { p12: abs(k.p12), passphrase: passphrase ?? '' };
  };

  const config: AnprConfig = {
    configPath: absConfig,
    comune: c.comune,
    postazione: c.postazione,
    applicazione: c.applicazione,
    operatore: c.operatore,
    ambiente: c.ambiente,
    endpoint: c.endpoint.replace(/\/+$/, ''),
    caFile: abs(c.caFile),
    keystore: keystore(c.keystore, 'keystore'),
    codDestinatario: c.codDestinatario,
    timeouts: { ...(c.timeouts ?? {}) },
    algorithms: { ...(c.algorithms ?? {}) },
  };
  if (c.postazioneKeystore) config.postazioneKeystore = keystore(c.postazioneKeystore, 'postazioneKeystore');
  if (c.dataDir !== undefined) config.dataDir = abs(c.dataDir);
  if (problemi.length) throw new AnprConfigError(absConfig, problemi);
  return config;
}

/** Reads, parses and validates the JSON config file. Throws {@link AnprConfigError}. */
export function loadAnprConfig(path: string, opts: LoadAnprConfigOptions = {}): AnprConfig {
  const absConfig = resolve(path);
  let text: string;
  try {
    text = readFileSync(absConfig, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new AnprConfigError(absConfig, [
      code === 'ENOENT' ? 'il file di configurazione non esiste' : `il file di configurazione non è leggibile (${code ?? 'errore'})`,
    ]);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new AnprConfigError(absConfig, [`il file non è JSON valido (${(e as Error).message})`]);
  }
  return parseAnprConfig(raw, absConfig, opts);
}

/** `endpoint` + service path, with exactly one slash between them. */
export function serviceUrl(config: Pick<AnprConfig, 'endpoint'>, endpointPath: string): string {
  return `${config.endpoint.replace(/\/+$/, '')}/${endpointPath.replace(/^\/+/, '')}`;
}

/** Timeout for a service code (e.g. "6001"): its own entry, else `default`, else 60 s. */
export function timeoutFor(config: Pick<AnprConfig, 'timeouts'>, serviceCode: string): number {
  return config.timeouts[serviceCode] ?? config.timeouts.default ?? DEFAULT_TIMEOUT_MS;
}
