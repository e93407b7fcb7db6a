/**
 * Pratica payloads: a zod schema per service type, versioned. Evolution rule
 * (Signal's): add services and optional fields only; a breaking change bumps
 * PAYLOAD_SCHEMA_VERSION and needs a migration of stored rows.
 *
 * `dati`: the typed builder input of electron/anpr/services (without
 * `testata`, which the queue owns); `xml`: a `Richiesta<CODE>` body (CLI
 * `--body`), whose testata the queue fills in. The schemas check the shape the
 * builders need; the official XSD is the authoritative check before *pronta*.
 */
import { z } from 'zod';
import { buildRequest, type RequestInputs } from '../anpr/services/builders';
import { replaceTestata } from '../anpr/services/replace-testata';
import type { ServiceCode } from '../anpr/services/registry';
import { SERVIZI_PRATICA, isServizioPratica, type ServizioPratica } from '../../shared/anpr/servizi';
import type { TestataRichiestaInput } from '../anpr/services/types';

export const PAYLOAD_SCHEMA_VERSION = 1;

/** Registrations the queue sends (reads are never queued): the catalogue's pratiche. */
export const SERVIZI_CODA = SERVIZI_PRATICA;
export type ServizioCoda = ServizioPratica;
export const isServizioCoda = isServizioPratica;

const codice = z.union([z.string().min(1), z.number().int().nonnegative()]);
const data = z.string().regex(/^\d{4}-\d{2}-\d{2}/, { error: 'deve essere una data AAAA-MM-GG' });
const oggetto = z.looseObject({});
const controlli = z.array(z.strictObject({ codice: z.string().length(2), valore: z.string().min(1) })).optional();
const generalita = z.looseObject({
  codiceFiscale: z.union([z.string(), z.looseObject({ codFiscale: z.string() })]).optional(),
  idSchedaSoggettoANPR: z.string().regex(/^\d{1,16}$/, { error: "l'ID ANPR è un testo di sole cifre" }).optional(),
});
const datiOperazione = z.looseObject({
  operazioneRichiesta: z.string().length(4),
  idOperazioneComune: z.string().regex(/^[0-9A-Za-z]{1,30}$/),
  idOperazioneANPR: z.string().regex(/^\d{1,30}$/, { error: "idOperazioneANPR è un testo di sole cifre" }),
});
const ricercaScheda = z.looseObject({ soggetto: generalita });
/** Fields the queue accepts in the testata (the rest it sets itself). */
const testataExtra = z
  .strictObject({ tipoOperazione: z.enum(['C', 'V', 'R']).optional(), dataDefinizionePratica: data.optional() })
  .optional();

const base = { testata: testataExtra };

export const PAYLOAD_SCHEMAS = {
  '1001': z.looseObject({
    ...base,
    generalita1001: z.looseObject({ generalita: generalita }),
    cittadinanza: oggetto,
    datiControllo: z.looseObject({ attribuzioneFamiglia: codice, listaControlli: controlli }),
  }),
  '1002': z.looseObject({
    ...base,
    motivoIscrizione: z.looseObject({ idMotivoIscrizione: codice }),
    generalita1002: z.looseObject({ generalita: generalita }),
    cittadinanza: z.array(oggetto).min(1, { error: 'indicare almeno una cittadinanza' }),
    datiControllo: z.looseObject({ attribuzioneFamiglia: codice, listaControlli: controlli }),
  }),
  '1013': z.looseObject({
    ...base,
    datiOperazione,
    datiSchedaSoggettoFamigliaConvivenza: ricercaScheda,
    datiControllo: z.looseObject({ tiposcheda: codice, annullamentoAttribuzione: z.enum(['S', 'N']), listaControlli: controlli }),
  }),
  '2001': z.looseObject({
    ...base,
    motivoCancellazione: z.looseObject({ tipoMotivoCancellazione: codice.optional(), tipoMotivoCancellazioneAIRE: codice.optional() }),
    generalitaPerRicerca: generalita,
    datiControllo: z.looseObject({ ruoloSoggetto: codice, listaControlli: controlli }),
  }),
  '2003': z.looseObject({
    ...base,
    datiCancellazione: z.looseObject({ motivoCancellazione: codice, dataDecorrenzaCancellazione: data }),
    generalitaPerRicerca: generalita,
    datiControllo: z.looseObject({ ruoloSoggetto: codice, listaControlli: controlli }),
  }),
  '2011': z.looseObject({
    ...base,
    datiOperazioneDaAnnullare: datiOperazione,
    datiSchedaSoggettoFamigliaConvivenza: ricercaScheda,
    datiControllo: z.looseObject({ tipoScheda: codice, listaControlli: controlli }),
  }),
  '5001': z.looseObject({
    ...base,
    famigliaConvivenza: z.looseObject({ tipoScheda: codice }),
    datiControllo: z.looseObject({ tipoMutazione: codice, tipoScheda: codice, listaControlli: controlli }),
  }),
  '5005': z.looseObject({
    ...base,
    generalitaSchedaFamiglia: z.looseObject({ tipoScheda: codice }),
    datiControllo: z.looseObject({ tipoMutazione: codice, tipoScheda: codice, listaControlli: controlli }),
  }),
  '5008': z.looseObject({ ...base }),
  '5012': z.looseObject({
    ...base,
    datiOperazioneDaAnnullare: datiOperazione,
    datiSchedaSoggettoFamigliaConvivenza: ricercaScheda,
    datiControllo: z.looseObject({ tipoScheda: codice, annullamentoAttribuzioneCF: z.enum(['S', 'N']), listaControlli: controlli }),
  }),
  '5013': z.looseObject({
    ...base,
    schedaSoggetto: z.looseObject({ generalitaPerRicerca: generalita }),
    motivoAnnullamento: z.looseObject({ motivoRevoca: codice, noteRevoca: z.string().max(80).optional() }),
    datiControllo: z.looseObject({ tipoRevoca: codice, listaControlli: controlli }),
  }),
} satisfies Record<ServizioCoda, z.ZodType>;

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
  const schema = formato === 'xml' ? XmlPayloadSchema : PAYLOAD_SCHEMAS[servizio];
  const r = schema.safeParse(payload);
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
