/**
 * From ANPR's parsed P001/P002 answers to what the clerk reads, in Italian:
 * deadlines, what is due, the sheet's label/value rows.
 */
import { addGiorni, addGiorniLavorativi, diffGiorni } from '../../../shared/domain/date-it';
import {
  TITOLI_STATO,
  TITOLI_TIPOLOGIA,
  type Dovuto,
  type RichiestaSintesi,
  type ScadenzeRichiesta,
  type TipologiaRichiestaCittadino,
  type Voce,
} from '../../../shared/ipc/domains/richieste';
import type { DettaglioRichiestaParsed, GeneralitaParsed, RichiestaCittadinoSintesi, XmlOggetto } from '../../anpr/services/parse-response';

/** Residence declarations: 2 working days to take in charge, 45 days to conclude; the others 30 days; "in scadenza" within 3 days. */
export const GIORNI_SCADENZA = { presaInCarico: 2, conclusioneResidenza: 45, rettifica: 30, avviso: 3 } as const;
/** Types that are residence declarations (2) or end in one (4: transfer of an EU citizen). */
export const TIPOLOGIE_RESIDENZA: readonly string[] = ['2', '4'];
/** States that close a request (annullata, accolta definitivamente, irricevibile). */
export const STATI_FINALI: readonly string[] = ['4', '5', '8'];

export const titoloTipologia = (t: string) => TITOLI_TIPOLOGIA[t as TipologiaRichiestaCittadino] ?? `Tipologia ${t}`;
export const titoloStato = (s: string) => TITOLI_STATO[s] ?? `Stato ${s}`;

const giorno = (iso: string | undefined | null) => (iso ? iso.slice(0, 10) : null);

/** "COGNOME NOME" when the name is known. */
export function nominativo(g: GeneralitaParsed | undefined): string | null {
  if (!g) return null;
  const n = [g.cognome, g.nome].filter(Boolean).join(' ').trim();
  return n || null;
}

export interface DatiSintesi {
  p001: RichiestaCittadinoSintesi;
  dettaglio: DettaglioRichiestaParsed | null;
}

export function scadenze(tipologia: string, stato: string, dataApertura: string, anpr: string | null): ScadenzeRichiesta {
  const aperta = giorno(dataApertura)!;
  const residenza = TIPOLOGIE_RESIDENZA.includes(tipologia);
  return {
    presaInCarico: residenza && stato === '2' ? addGiorniLavorativi(aperta, GIORNI_SCADENZA.presaInCarico) : null,
    conclusione: addGiorni(aperta, residenza ? GIORNI_SCADENZA.conclusioneResidenza : GIORNI_SCADENZA.rettifica),
    anpr: giorno(anpr),
  };
}

export function dovuto(scadenza: string | null, oggi: string, chiusa: boolean): Dovuto | null {
  if (chiusa || !scadenza) return null;
  const d = diffGiorni(oggi, scadenza);
  if (d < 0) return 'scaduto';
  if (d === 0) return 'oggi';
  return d <= GIORNI_SCADENZA.avviso ? 'prossimo' : null;
}

export function sintesi(dati: DatiSintesi, oggi: string): RichiestaSintesi {
  const { p001, dettaglio } = dati;
  const tipologia = dettaglio?.idTipologia ?? p001.idTipologia;
  const stato = dettaglio?.statoCorrente.idStato ?? p001.idStatoRichiesta;
  const dataApertura = dettaglio?.dataApertura ?? p001.dataApertura;
  const chiusa = STATI_FINALI.includes(stato) || !!(dettaglio?.dataChiusura ?? p001.dataChiusura);
  const s = scadenze(tipologia, stato, dataApertura, dettaglio?.dataScadenza ?? null);
  // While a residence declaration waits to be taken in charge, that is the deadline (or ANPR's, if earlier: it ignores
  // holidays); then ANPR's (it counts the extensions), else the conclusion.
  const prossimaScadenza = chiusa ? null : s.presaInCarico ? (s.anpr && s.anpr < s.presaInCarico ? s.anpr : s.presaInCarico) : (s.anpr ?? s.conclusione);
  const richiedente = nominativo(dettaglio?.richiedente) ?? p001.codiceFiscaleSoggettoRichiedente ?? (p001.idSchedaSoggettoRichiedente ? `scheda ANPR ${p001.idSchedaSoggettoRichiedente}` : 'non indicato');
  const interessato =
    nominativo(dettaglio?.interessato) ??
    dettaglio?.interessato?.codiceFiscale ??
    (p001.idSchedaSoggettoInteressato ? `scheda ANPR ${p001.idSchedaSoggettoInteressato}` : p001.idFamigliaConvivenzaANPR ? `famiglia ANPR ${p001.idFamigliaConvivenzaANPR}` : richiedente);
  return {
    codiceRichiesta: p001.codiceRichiesta,
    tipologia,
    tipologiaTitolo: titoloTipologia(tipologia),
    stato,
    statoTitolo: titoloStato(stato),
    dataApertura,
    scadenze: s,
    prossimaScadenza,
    richiedente,
    interessato,
    dovuto: dovuto(prossimaScadenza, oggi, chiusa),
    chiusa,
  };
}

const ETICHETTE: Record<string, string> = {
  cap: 'CAP',
  civico: 'Numero civico',
  piano: 'Piano',
  interno: 'Interno',
  scala: 'Scala',
  nomeComune: 'Comune',
  codiceIstat: 'Codice ISTAT',
  siglaProvinciaIstat: 'Provincia',
  specie: 'Specie',
  codSpecie: 'Codice specie',
  denominazioneToponimo: 'Toponimo',
  codiceAnncsu: 'Codice ANNCSU',
  tipoFamiglia: 'Tipo di famiglia',
  recapitoTelefonico: 'Recapito telefonico',
  idTipoOccupazione: "Titolo di occupazione dell'immobile",
  foglio: 'Foglio',
  particella_mappale: 'Particella/mappale',
  subalterno: 'Subalterno',
  idSchedaSoggettoANPR: 'Scheda ANPR',
  idSezioneDati: 'Codice sezione',
  sezioneDati: 'Sezione dei dati',
  idDatoAnagrafico: 'Codice del dato',
  datoAnagrafico: 'Dato anagrafico',
  valoreAttuale: 'Valore attuale',
  valoreRichiesto: 'Valore richiesto',
  recapito: 'Recapito',
  idStatoResidenzaOrigine: 'Codice dello Stato di residenza di origine',
  statoResidenzaOrigine: 'Stato di residenza di origine',
  localitaStatoResidenzaOrigine: 'Località nello Stato di origine',
  indirizzoStatoResidenzaOrigine: 'Indirizzo nello Stato di origine',
  statoUltimaProvenienza: 'Stato di ultima provenienza',
  codFiscale: 'Codice fiscale',
  validitaCF: 'Validità del codice fiscale',
  cognome: 'Cognome',
  nome: 'Nome',
  sesso: 'Sesso',
  dataNascita: 'Data di nascita',
  idGradoParentela: 'Relazione di parentela',
  flagPatente: 'Patente',
  flagVeicoli: 'Veicoli',
  statoAccettazione: 'Accettazione',
  dataAccettazione: 'Data di accettazione',
};

/** camelCase → "Camel case" for a field with no Italian label here. */
export function etichetta(chiave: string): string {
  const e = ETICHETTE[chiave];
  if (e) return e;
  const parole = chiave.replace(/_/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return parole.charAt(0).toUpperCase() + parole.slice(1);
}

/** A parsed XML block as label/value rows: nested blocks prefix their rows with their label. */
export function voci(o: XmlOggetto | string | (string | XmlOggetto)[], prefisso = ''): Voce[] {
  if (typeof o === 'string') return o.trim() ? [{ etichetta: prefisso || 'Valore', valore: o }] : [];
  if (Array.isArray(o)) return o.flatMap((x, i) => voci(x, o.length > 1 ? `${prefisso} ${i + 1}`.trim() : prefisso));
  return Object.entries(o).flatMap(([k, v]) => {
    // The members are shown in their own table.
    if (/^component/i.test(k)) return [];
    if (k === 'indirizzo') return [];
    const e = etichetta(k);
    return voci(v, prefisso ? `${prefisso} — ${e}` : e);
  });
}

const TITOLI_BLOCCO: Record<string, string> = {
  datiRettifica: 'Rettifiche richieste',
  datiDichiarazioneResidenza: 'Dichiarazione di residenza',
  datiIscrizioneOnline: 'Iscrizione online',
  datiRichiestaIscrizioneElettorale: 'Iscrizione elettorale',
};
export const titoloBlocco = (t: string) => TITOLI_BLOCCO[t] ?? etichetta(t);

const testo = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const ogg = (v: unknown): XmlOggetto | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as XmlOggetto) : undefined);

/** The declared address as readable lines: "VIA ROMA 12, piano 2, interno 4", "00100 ROMA (RM)", "Codice ANNCSU …". */
export function righeIndirizzo(i: XmlOggetto | undefined): string[] {
  if (!i) return [];
  const top = ogg(i['toponimo']);
  const comune = ogg(i['comune']);
  const via = [testo(top?.['specie']), testo(top?.['denominazioneToponimo']), testo(i['civico']), testo(i['esponente1'])].filter(Boolean).join(' ');
  const extra = [testo(i['scala']) && `scala ${testo(i['scala'])}`, testo(i['piano']) && `piano ${testo(i['piano'])}`, testo(i['interno']) && `interno ${testo(i['interno'])}`].filter(Boolean);
  const righe = [[via, ...extra].filter(Boolean).join(', ')];
  const prov = testo(comune?.['siglaProvinciaIstat']);
  righe.push([testo(i['cap']), testo(comune?.['nomeComune']), prov && `(${prov})`].filter(Boolean).join(' '));
  const anncsu = testo(i['codiceAnncsu']) ?? testo(i['codiceANNCSU']) ?? testo(top?.['codiceAnncsu']) ?? testo(top?.['codToponimo']);
  if (anncsu) righe.push(`Codice ANNCSU ${anncsu}`);
  return righe.filter((r) => r.trim());
}

export const TIPI_RECAPITO: Record<string, string> = { '1': 'E-mail', '2': 'PEC', '3': 'Telefono', '4': 'Cellulare' };
export const FORMATI_FILE: Record<string, string> = { '1': 'PDF', '99': 'Altro formato' };

/** PDF for formato 1; otherwise from the bytes (JPEG, PNG), else a download. */
export function mimeDi(formato: string, bytes: Buffer): string {
  if (formato === '1' || bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return 'image/jpeg';
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  return 'application/octet-stream';
}

export function estensione(mime: string): string {
  return mime === 'application/pdf' ? 'pdf' : mime === 'image/jpeg' ? 'jpg' : mime === 'image/png' ? 'png' : 'bin';
}
