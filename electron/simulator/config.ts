/**
 * Simulator configuration (SIMCFG): the JSON file given to `npx anpr sim --config`,
 * or the object passed in-process to {@link startSimulator}. Relative paths in a
 * file resolve against the file's folder.
 */
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { VERSIONE_INTERFACCIA } from '../../shared/anpr/versione-interfaccia';

const LOOPBACK = ['127.0.0.1', '::1', 'localhost'] as const;

export const FAULT_TYPES = [
  'latenza',
  'caduta_prima',
  'caduta_dopo',
  'http500',
  'errore999',
  'xml_malformato',
  'rifiuto_policy',
  'anpr_fermo',
] as const;

export type FaultType = (typeof FAULT_TYPES)[number];

export const faultSchema = z.strictObject({
  tipo: z.enum(FAULT_TYPES),
  /** Only for this service code (e.g. '5005'); all services when absent. */
  servizio: z.string().regex(/^[0-9A-Za-z]{4}$|^TestConn$/).optional(),
  /** How many matching requests it affects; unlimited when absent. */
  volte: z.number().int().positive().optional(),
  /** latenza: delay in ms while the operation is "in elaborazione". */
  ms: z.number().int().min(0).max(600_000).optional(),
  /** anpr_fermo: how long the port refuses connections (default 30 s). */
  durataMs: z.number().int().min(1).max(3_600_000).optional(),
});

export type FaultSpec = z.infer<typeof faultSchema>;

export const populationSchema = z.strictObject({
  /** Residents per served comune. */
  size: z.number().int().min(1).max(200_000),
  seed: z.union([z.number().int(), z.string()]).default(1),
  /** "Today" of the synthetic population (yyyy-mm-dd); default: the clock's date. */
  referenceDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  /** CAP per comune ISTAT code (not in the ANPR tables). */
  cap: z.record(z.string(), z.string().regex(/^\d{5}$/)).optional(),
  quotaAnomalie: z.number().min(0).max(1).optional(),
  /**
   * Residents of comuni the simulator does not serve (ANPR is national): people
   * who live elsewhere and move to a served comune (5005 from another comune).
   */
  altriComuni: z.array(z.strictObject({ istat: z.string().regex(/^\d{6}$/), size: z.number().int().min(1).max(20_000) })).optional(),
});

const versioneSchema = z.strictObject({
  codDestinatario: z.string().regex(/^[A-Za-z0-9]{1,6}$/),
  versioneCompleta: z.string().regex(/^\d+\.\d+\.\d+$/, 'versione nella forma major.minor.patch'),
});
/** The interface versions the simulator lists in 7003 (default: ANPR05 9.0.3 only, as ANPR since 2024-07). */
export const versioniSchema = z.strictObject({ corrente: versioneSchema, supportate: z.array(versioneSchema).default([]) });
export type VersioniSim = z.output<typeof versioniSchema>;
export const VERSIONI_PREDEFINITE: VersioniSim = { corrente: { ...VERSIONE_INTERFACCIA }, supportate: [] };

export const simConfigSchema = z.strictObject({
  host: z.enum(LOOPBACK).default('127.0.0.1'),
  port: z.number().int().min(0).max(65535).default(0),
  tls: z.strictObject({ cert: z.string().min(1), key: z.string().min(1) }),
  /** PEM file(s): signer certificates must chain to one of them. */
  trustedCa: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
  dataDir: z.string().min(1),
  /** The population, or a plain count as shorthand for `{ "size": N }`. */
  population: z
    .union([
      z
        .number()
        .int()
        .min(1)
        .max(200_000)
        .transform((size) => populationSchema.parse({ size })),
      populationSchema,
    ])
    .default({ size: 200, seed: 1 }),
  comuni: z.array(z.string().regex(/^\d{6}$/, 'codice ISTAT di 6 cifre')).min(1),
  /** Faults active from the start (see docs/simulator.md). */
  faults: z.array(faultSchema).default([]),
  /** Tolerance for Timestamp/assertion windows (default 30 s). */
  maxClockSkewSeconds: z.number().int().min(0).max(3600).optional(),
  versioni: versioniSchema.default(VERSIONI_PREDEFINITE),
});

export type SimConfigInput = z.input<typeof simConfigSchema>;
export type SimConfig = z.output<typeof simConfigSchema>;

/** Resolved configuration: every path absolute, PEMs loaded. */
export interface ResolvedSimConfig extends Omit<SimConfig, 'tls' | 'trustedCa'> {
  tls: { certPem: string; keyPem: string };
  trustedCaPems: string[];
  dataDir: string;
}

export class SimConfigError extends Error {
  override readonly name = 'SimConfigError';
}

function readPem(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new SimConfigError(`${what}: impossibile leggere ${path} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
}

/** Validates a config object; `baseDir` resolves relative paths (default: cwd). */
export function resolveSimConfig(input: SimConfigInput, baseDir = process.cwd()): ResolvedSimConfig {
  const parsed = simConfigSchema.safeParse(input);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new SimConfigError(`configurazione del simulatore non valida: ${first ? `${first.path.join('.') || '(radice)'}: ${first.message}` : 'errore'}`);
  }
  const cfg = parsed.data;
  const abs = (p: string): string => (isAbsolute(p) ? p : resolve(baseDir, p));
  const cas = Array.isArray(cfg.trustedCa) ? cfg.trustedCa : [cfg.trustedCa];
  const trustedCaPems = cas.map((p) => readPem(abs(p), 'trustedCa'));
  for (const pem of trustedCaPems) {
    if (!pem.includes('-----BEGIN CERTIFICATE-----')) throw new SimConfigError('trustedCa: il file non contiene un certificato PEM');
  }
  return {
    ...cfg,
    tls: { certPem: readPem(abs(cfg.tls.cert), 'tls.cert'), keyPem: readPem(abs(cfg.tls.key), 'tls.key') },
    trustedCaPems,
    dataDir: abs(cfg.dataDir),
  };
}

/** Reads SIMCFG from a JSON file (relative paths against its folder). */
export function loadSimConfigFile(file: string): ResolvedSimConfig {
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch (err) {
    throw new SimConfigError(`impossibile leggere il file di configurazione ${file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (err) {
    throw new SimConfigError(`il file di configurazione ${file} non è JSON valido: ${(err as Error).message}`);
  }
  return resolveSimConfig(json as SimConfigInput, dirname(resolve(file)));
}
