/**
 * Pratica payloads: a zod schema per service type, versioned. Evolution rule
 * (Signal's): add services and optional fields only; a breaking change bumps
 * PAYLOAD_SCHEMA_VERSION and needs a migration of stored rows.
 *
 * `dati`: the builder input of the service's definition (shared/anpr/servizi),
 * checked by its strict schema without `testata`, which the queue owns (only
 * `testataExtra` is allowed); `xml`: a `Richiesta<CODE>` body (CLI `--body`),
 * whose testata the queue fills in. The schemas refuse unknown keys; the
 * official XSD is the authoritative check before *pronta*.
 */
import { z } from 'zod';
import { buildRequest, type RequestInputs } from '../../anpr/services/builders';
import { replaceTestata } from '../../anpr/services/replace-testata';
import type { ServiceCode } from '../../anpr/services/registry';
import { SERVIZI_PRATICA, isServizioPratica, type ServizioPratica } from '../../../shared/anpr/servizi';
import { DATI_PRATICA } from '../../../shared/anpr/servizi/dati-pratica';
import type { TestataRichiestaInput } from '../../anpr/services/types';

export const PAYLOAD_SCHEMA_VERSION = 1;

/** Registrations the queue sends (reads are never queued): the catalogue's pratiche. */
export const SERVIZI_CODA = SERVIZI_PRATICA;
export type ServizioCoda = ServizioPratica;
export const isServizioCoda = isServizioPratica;

/** The payload schema of each service the queue sends: its definition's strict input without the queue's testata (shared/anpr/servizi/dati-pratica.ts). */
export const PAYLOAD_SCHEMAS = DATI_PRATICA;

export const XmlPayloadSchema = z.strictObject({
  xml: z.string().min(1, { error: 'il corpo XML è vuoto' }).max(5_000_000, { error: 'il corpo XML è troppo grande' }),
});

/** A draft can always be saved: any JSON object (or an XML body for `xml`). */
export const BozzaPayloadSchema = z.union([z.looseObject({}), XmlPayloadSchema]);

export type EsitoValidazione = { ok: true } | { ok: false; problemi: string[] };

function issues(error: z.ZodError): string[] {
  return error.issues.map((i) => `${i.path.map(String).join('.') || '(radice)'}: ${i.message}`);
}

/** Shape check for a pratica to become *pronta* (the XSD check comes after). */
export function validaPayload(servizio: ServiceCode, formato: 'dati' | 'xml', payload: unknown): EsitoValidazione {
  if (!isServizioCoda(servizio)) {
    return { ok: false, problemi: [`Il servizio ${servizio} non è un'operazione di registrazione: non passa dalla coda.`] };
  }
  const r = formato === 'xml' ? XmlPayloadSchema.safeParse(payload) : PAYLOAD_SCHEMAS[servizio].safeParse(payload);
  return r.success ? { ok: true } : { ok: false, problemi: issues(r.error) };
}

/** testata fields the queue owns, per submission. */
export interface TestataCoda {
  idOperazioneComune: string;
  codMittente: string;
  codDestinatario: string;
  tipoInvio: string;
  dataOraRichiesta: Date;
  protocolloComune?: string;
  dataProtocolloComune?: string;
  dataDecorrenza?: string;
  nomeApplicativo?: string;
  versioneApplicativo?: string;
  fornitoreApplicativo?: string;
}

function defined<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

/** The `Richiesta<CODE>` body for one submission: built once, then frozen for every retry. */
export function costruisciCorpo(servizio: ServiceCode, formato: 'dati' | 'xml', payload: unknown, t: TestataCoda): string {
  if (formato === 'xml') {
    const { xml } = XmlPayloadSchema.parse(payload);
    // tipoOperazione is mandatory: keep the body's own, default to C (citizen request).
    const tipoOperazione = /<tipoOperazione>\s*[A-Za-z]\s*<\/tipoOperazione>/.test(xml) ? undefined : 'C';
    return replaceTestata(xml, defined({ ...t, operazioneRichiesta: servizio, tipoOperazione }));
  }
  const p = payload as { testata?: { tipoOperazione?: string; dataDefinizionePratica?: string } } & Record<string, unknown>;
  const testata: TestataRichiestaInput = defined({
    ...t,
    operazioneRichiesta: servizio,
    tipoOperazione: p.testata?.tipoOperazione ?? 'C',
    dataDefinizionePratica: p.testata?.dataDefinizionePratica,
  });
  const input = { ...p, testata } as unknown as RequestInputs[typeof servizio];
  return buildRequest(servizio, input);
}
