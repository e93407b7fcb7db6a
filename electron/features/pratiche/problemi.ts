/**
 * The queue's check messages (libxml2 for the official XSD, zod for the
 * payload schema) in the clerk's words: Italian, the field named by its
 * label, an example of a valid value, never an element name as it is.
 */
import type { Problema } from '../../../shared/ipc/domains/pratiche';

/** Italian labels of the elements ANPR and the XSD most often name. */
export const ETICHETTE_CAMPO: Record<string, string> = {
  cap: 'CAP',
  codiceIstat: 'Codice ISTAT del comune',
  nomeComune: 'Comune',
  siglaProvinciaIstat: 'Provincia',
  denominazioneToponimo: 'Denominazione della via',
  specie: 'Specie del toponimo',
  codSpecie: 'Specie del toponimo',
  numero: 'Numero civico',
  numeroCivico: 'Numero civico',
  dataDecorrenza: 'Data di decorrenza',
  dataDecorrenzaResidenza: 'Data di decorrenza della residenza',
  idFamigliaConvivenzaANPR: 'Famiglia (ID ANPR)',
  idSchedaSoggettoANPR: 'Soggetto (ID ANPR)',
  codiceFiscale: 'Codice fiscale',
  codFiscale: 'Codice fiscale',
  cognome: 'Cognome',
  nome: 'Nome',
  dataNascita: 'Data di nascita',
  dataEvento: "Data dell'evento",
  tipoMutazione: 'Tipo di mutazione',
  tipoScheda: 'Tipo di scheda',
  codiceLegame: 'Relazione di parentela',
  ruoloSoggetto: 'Ruolo del soggetto',
  tipoMotivoCancellazione: 'Motivo della cancellazione',
  generalitaPerRicerca: 'Soggetto',
  residenzaFamiglia: 'Nuova residenza',
  elencoSoggettiFamiglia: 'Componenti',
  datiDecesso: 'Dati del decesso',
  dataMorte: 'Data del decesso',
  tipoIndirizzo: 'Tipo di indirizzo',
  numeroPraticaComune: 'Numero pratica del comune',
  numeroPraticaAnpr: 'Numero pratica ANPR',
  toponimo: 'Via o piazza',
  lettera: 'Lettera del civico',
  scala: 'Scala',
  piano: 'Piano',
  interno: 'Interno',
  sesso: 'Sesso',
  dataDecorrenzaCancellazione: 'Data di decorrenza',
  motivoRichiesta: 'Motivazione',
  noteOperazione: 'Note',
};

/** What a valid value looks like, in the clerk's format (dates as typed in the form). */
export const ESEMPI_CAMPO: Record<string, string> = {
  numeroPraticaComune: 'lettere, cifre, trattini e spazi, al massimo 20 caratteri, ad esempio 2026-000012',
  cap: '5 cifre, ad esempio 01022',
  codiceIstat: '6 cifre, ad esempio 056003',
  siglaProvinciaIstat: '2 lettere, ad esempio VT',
  codiceFiscale: '16 caratteri, ad esempio RSSMRA80A01H501U',
  codFiscale: '16 caratteri, ad esempio RSSMRA80A01H501U',
  idFamigliaConvivenzaANPR: 'sole cifre, ad esempio 1234567',
  idSchedaSoggettoANPR: 'sole cifre, ad esempio 1234567',
  numero: 'cifre, ad esempio 12',
  numeroCivico: 'cifre, ad esempio 12',
  lettera: 'lettere, ad esempio A',
  dataDecorrenza: 'gg/mm/aaaa, ad esempio 03/12/2026',
  dataDecorrenzaResidenza: 'gg/mm/aaaa, ad esempio 03/12/2026',
  dataDecorrenzaCancellazione: 'gg/mm/aaaa, ad esempio 03/12/2026',
  dataNascita: 'gg/mm/aaaa, ad esempio 01/01/1980',
  dataEvento: 'gg/mm/aaaa, ad esempio 01/12/2026',
  dataMorte: 'gg/mm/aaaa, ad esempio 01/12/2026',
  cognome: 'lettere, apostrofi e spazi, ad esempio ROSSI',
  nome: 'lettere, apostrofi e spazi, ad esempio MARIO',
  denominazioneToponimo: 'ad esempio DEI MILLE',
};

/** "denominazioneToponimo" → "denominazione toponimo": never an element name as it is, when no label is known. */
function inParole(elemento: string): string {
  return elemento.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/_/g, ' ').toLowerCase();
}

function esempio(elemento: string | null | undefined): string {
  const ultimo = elemento?.split(/[./]/).filter(Boolean).at(-1);
  const e = ultimo ? ESEMPI_CAMPO[ultimo] : undefined;
  return e ? ` Formato atteso: ${e}.` : '';
}

export function etichettaCampo(campo: string | null | undefined): string | null {
  if (!campo) return null;
  const ultimo = campo.split(/[./]/).filter(Boolean).at(-1) ?? campo;
  return ETICHETTE_CAMPO[ultimo] ?? null;
}

/** A libxml2 / zod message from the queue's check, in Italian and tied to an element where possible. */
export function traduciProblema(grezzo: string): Problema {
  const testo = grezzo.replace(/^riga \d+:\s*/, '');
  const elemento = /Element '(?:\{[^}]*\})?([A-Za-z0-9_]+)'/.exec(testo)?.[1] ?? null;
  const etichetta = etichettaCampo(elemento) ?? (elemento ? inParole(elemento) : elemento);
  // Every message names the field by its label and says what a valid value looks like.
  const xsd = (messaggio: string): Problema => ({ messaggio: messaggio + esempio(elemento), campo: elemento, fonte: 'xsd', originale: grezzo });
  let m: RegExpExecArray | null;
  if ((m = /Missing child element\(s\)\. Expected is (?:one of )?\(\s*([^)]*)\)/.exec(testo))) {
    const attesi = m[1]!.split(',').map((x) => x.trim().replace(/^\{[^}]*\}/, '')).filter(Boolean);
    const nomi = attesi.map((a) => etichettaCampo(a) ?? inParole(a)).join(' o ');
    return { messaggio: `Manca un dato obbligatorio in «${etichetta}»: ${nomi}.`, campo: attesi[0] ?? elemento, fonte: 'xsd', originale: grezzo };
  }
  if ((m = /\[facet 'pattern'\] The value '([^']*)' is not accepted/.exec(testo))) return xsd(`Il valore «${m[1]}» di «${etichetta}» non è nel formato richiesto.`);
  if ((m = /\[facet 'enumeration'\] The value '([^']*)' is not an element/.exec(testo))) return xsd(`Il valore «${m[1]}» di «${etichetta}» non è tra quelli ammessi.`);
  if ((m = /\[facet '(?:maxLength|length)'\] The value '([^']*)' has a length of '(\d+)'; this exceeds the allowed maximum length of '(\d+)'/.exec(testo))) {
    return xsd(`«${etichetta}» è troppo lungo (${m[2]} caratteri, al massimo ${m[3]}).`);
  }
  if (/\[facet '(?:minLength|length)'\]/.test(testo)) return xsd(`«${etichetta}» non ha la lunghezza richiesta.`);
  if ((m = /'([^']*)' is not a valid value of the atomic type '(?:\{[^}]*\})?xs:date'/.exec(testo))) return xsd(`«${etichetta}»: «${m[1]}» non è una data valida.`);
  if (/is not a valid value/.test(testo)) return xsd(`Il valore di «${etichetta}» non è valido.`);
  if ((m = /This element is not expected\. Expected is (?:one of )?\(\s*([^)]*)\)/.exec(testo))) {
    const attesi = m[1]!.split(',').map((x) => x.trim().replace(/^\{[^}]*\}/, '')).filter(Boolean);
    const nomi = attesi.map((a) => etichettaCampo(a) ?? inParole(a)).join(' o ');
    return { messaggio: `Prima di «${etichetta}» manca un dato obbligatorio: ${nomi}.`, campo: attesi[0] ?? elemento, fonte: 'xsd', originale: grezzo };
  }
  if (/This element is not expected/.test(testo)) return xsd(`«${etichetta}» non è previsto in questa posizione o manca un dato che deve precederlo.`);
  if (elemento) return xsd(`«${etichetta}»: dato non conforme allo schema ufficiale ANPR.`);
  // zod (payload.ts): "path.to.field: message"
  const zod = /^([A-Za-z0-9_.]+|\(radice\)): (.*)$/.exec(testo);
  if (zod) {
    const campo = zod[1] === '(radice)' ? null : zod[1]!;
    const e = etichettaCampo(campo) ?? (campo ? inParole(campo.split('.').at(-1)!) : campo);
    const msg = zod[2]!.replace(/^Invalid input.*$/i, 'dato mancante o non valido');
    return { messaggio: (e ? `«${e}»: ${msg}.` : `${msg}.`) + esempio(campo), campo, fonte: 'schema', originale: grezzo };
  }
  return { messaggio: testo, campo: null, fonte: 'regole', originale: grezzo };
}

