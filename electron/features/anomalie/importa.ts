/**
 * Anomaly files downloaded from the ANPR web application ("Monitoraggio
 * anomalie", subentro results), csv or xlsx.
 *
 * The web application's export layout is not published; the columns are
 * recognised by name, with the names used by the official anomaly tables
 * (`Codice anomalia`, `Messaggio di errore`, `Severità`, `Suggerimento`,
 * `Procedura suggerita` in tabella_anomalie.rst / TAB01_ANOMALIE_ANPR.md, and
 * `codice`, `messaggio`, `severita` in their csv copies) plus the subject's
 * columns (`Codice fiscale`, `Id ANPR`, `Cognome`, `Nome`, `Data nascita`)
 * and optional `Data segnalazione`, `Campo`, `Valore`, `Oggetto`,
 * `Servizio`, `Id operazione comune`/`ANPR`. The header may follow a few
 * title rows. Separators `;`, `,` or tab; UTF-8 or Windows-1252.
 *
 * Each row gets a stable key (subject + code + field/value + text), so
 * importing a file again, or a newer export that repeats old rows, inserts
 * nothing twice — in the store's environment: the same file imported in
 * training and in production gives rows in both. A row that cannot be read
 * is reported with its line and the reason; the others are imported.
 */
import { createHash } from 'node:crypto';
import type { Db } from '../../platform/db/database';
import { riconosciFonte } from '../../anpr/catalogue';
import type { EsitoImportazione, SeveritaAnomalia } from '../../../shared/ipc/domains/anomalie';
import { FileNonLeggibile, leggiTabellaFlusso, type RigaTabella } from './tabella';
import { chiaveDi, type AnomalieStore, type NuovaAnomalia } from './store';
import { serialeExcelInData } from './xlsx';
import { layoutWorker } from '../../core/worker/layout';
import { importaNelWorker } from './importa-worker';

type Campo =
  | 'codice'
  | 'testo'
  | 'severita'
  | 'codiceFiscale'
  | 'idAnpr'
  | 'cognome'
  | 'nome'
  | 'dataNascita'
  | 'data'
  | 'campo'
  | 'valore'
  | 'oggetto'
  | 'servizio'
  | 'idOperazioneComune'
  | 'idOperazioneANPR';

const ALIAS: Record<Campo, string[]> = {
  codice: ['codice', 'codice anomalia', 'codice esito', 'codice errore', 'cod anomalia', 'codice segnalazione', 'anomalia'],
  testo: ['messaggio', 'messaggio di errore', 'descrizione', 'descrizione anomalia', 'descrizione errore', 'testo', 'testo errore', 'messaggio anomalia'],
  severita: ['severita', 'tipo', 'tipo errore', 'tipo anomalia', 'gravita', 'tipologia'],
  codiceFiscale: ['codice fiscale', 'cf', 'codice fiscale soggetto', 'codicefiscale'],
  idAnpr: ['id anpr', 'idanpr', 'identificativo anpr', 'id soggetto anpr', 'id scheda soggetto anpr', 'idschedasoggettoanpr'],
  cognome: ['cognome'],
  nome: ['nome'],
  dataNascita: ['data nascita', 'data di nascita', 'datanascita'],
  data: ['data', 'data segnalazione', 'data rilevazione', 'data anomalia', 'data elaborazione', 'data inserimento', 'data errore'],
  campo: ['campo', 'nome campo'],
  valore: ['valore', 'valore campo'],
  oggetto: ['oggetto'],
  servizio: ['servizio', 'codice servizio'],
  idOperazioneComune: ['id operazione comune', 'idoperazionecomune'],
  idOperazioneANPR: ['id operazione anpr', 'idoperazioneanpr'],
};

function normalizzaIntestazione(h: string): string {
  return h
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const CAMPO_DI = new Map<string, Campo>();
for (const [campo, nomi] of Object.entries(ALIAS) as [Campo, string[]][]) for (const n of nomi) CAMPO_DI.set(n, campo);

export function mappaColonne(header: readonly string[]): Partial<Record<Campo, number>> {
  const out: Partial<Record<Campo, number>> = {};
  header.forEach((h, i) => {
    const campo = CAMPO_DI.get(normalizzaIntestazione(h));
    if (campo && out[campo] === undefined) out[campo] = i;
  });
  return out;
}

const GIORNI_MESE = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function dataValida(y: number, mo: number, d: number): boolean {
  return y >= 1800 && y <= 2200 && mo >= 1 && mo <= 12 && d >= 1 && d <= GIORNI_MESE[mo - 1]! + (mo === 2 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 1 : 0);
}

/** The number written by the ASCII digits v[da, a), or -1 when one is not a digit. */
function cifre(v: string, da: number, a: number): number {
  let n = 0;
  for (let i = da; i < a; i++) {
    const c = v.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/** yyyy-mm-dd, yyyy-mm-ddThh:mm[:ss], dd/mm/yyyy [hh:mm[:ss]], or an Excel serial → ISO; null when not a date. */
export function dataIso(s: string): string | null {
  const v = s.trim();
  // Fast path: yyyy-mm-dd (every row of a large file), digits read in place.
  if (v.length === 10 && v.charCodeAt(4) === 45 && v.charCodeAt(7) === 45) {
    const y = cifre(v, 0, 4);
    const mo = cifre(v, 5, 7);
    const d = cifre(v, 8, 10);
    if (y >= 0 && mo >= 0 && d >= 0) return dataValida(y, mo, d) ? v : null;
    // Not all digits: what Number() makes of the parts (e.g. ' 1').
    if (dataValida(Number(v.slice(0, 4)), Number(v.slice(5, 7)), Number(v.slice(8, 10)))) return v;
  }
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(v);
  let y: number, mo: number, d: number, hh: string | undefined, mi: string | undefined, ss: string | undefined;
  if (m) {
    [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    [hh, mi, ss] = [m[4], m[5], m[6]];
  } else if ((m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(v))) {
    [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
    [hh, mi, ss] = [m[4]?.padStart(2, '0'), m[5], m[6]];
  } else if (/^\d{4,5}(?:\.\d+)?$/.test(v) && Number(v) > 0 && Number(v) < 2958466) {
    return serialeExcelInData(Number(v));
  } else return null;
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d || y < 1800 || y > 2200) return null;
  const giorno = `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  if (hh === undefined) return giorno;
  if (Number(hh) > 23 || Number(mi) > 59 || Number(ss ?? 0) > 59) return null;
  return `${giorno}T${hh}:${mi}:${ss ?? '00'}`;
}

/** ERRORE/E/ERROR → E; WARNING/W/AVVISO/"warning non bloccante" → W; '' → undefined; else null. */
export function severitaDa(s: string): SeveritaAnomalia | undefined | null {
  const v = s.trim().toUpperCase();
  if (!v) return undefined;
  if (v === 'E' || v.startsWith('ERR') || v === 'BLOCCANTE') return 'E';
  if (v === 'W' || v.startsWith('WARN') || v.startsWith('AVVIS') || v.startsWith('SEGNAL')) return 'W';
  return null;
}

/** Stable key of a subject-bound anomaly (the same for files and 3002 answers). */
export function chiaveAnomaliaSoggetto(soggettoKey: string, codice: string, campo: string | null | undefined, valore: string | null | undefined, testo: string): bigint {
  return chiaveDi(`S\u0001${soggettoKey}\u0001${codice}\u0001${campo ?? ''}\u0001${valore ?? ''}\u0001${testo}`);
}

const MAX_ERRORI_RIPORTATI = 500;

export interface Catalogo {
  severita(codice: string): 'E' | 'W' | undefined;
  testo(codice: string): string | undefined;
}

interface ErroreRiga {
  riga: number;
  motivo: string;
}

/** Index of the header among the first rows (title rows may precede it), or -1. */
function indiceIntestazione(righe: readonly RigaTabella[]): number {
  const n = Math.min(10, righe.length);
  for (let i = 0; i < n; i++) if (mappaColonne(righe[i]!.celle).codice !== undefined) return i;
  return -1;
}

/** s.toUpperCase(), without a new string when s has no lower-case ASCII letter and nothing beyond ASCII (codes, CF, IDs). */
function maiuscole(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const k = s.charCodeAt(i);
    if ((k >= 97 && k <= 122) || k > 127) return s.toUpperCase();
  }
  return s;
}

/** 3 to 8 of A–Z, 0–9 (a char loop: the check runs on every row). */
function codiceValido(c: string): boolean {
  const n = c.length;
  if (n < 3 || n > 8) return false;
  for (let i = 0; i < n; i++) {
    const k = c.charCodeAt(i);
    if (!((k >= 65 && k <= 90) || (k >= 48 && k <= 57))) return false;
  }
  return true;
}

/**
 * The row reader for a header: checks one row and returns its anomaly, or
 * null after adding the reasons to `errori`. Throws FileNonLeggibile when the
 * header lacks the code or the subject.
 */
function interprete(
  header: RigaTabella,
  catalogo: Catalogo,
  oggi: string,
): (r: RigaTabella, errori: ErroreRiga[], importazioneId?: number) => NuovaAnomalia | null {
  const col = mappaColonne(header.celle);
  const haSoggetto = col.codiceFiscale !== undefined || col.idAnpr !== undefined || col.cognome !== undefined;
  if (!haSoggetto) {
    if (riconosciFonte([header.celle])) {
      throw new FileNonLeggibile('Il file è un elenco ufficiale dei codici, non un elenco di anomalie: usare «Aggiorna catalogo».');
    }
    throw new FileNonLeggibile('Intestazione non riconosciuta: manca la colonna del soggetto («Codice fiscale», «Id ANPR» o «Cognome»).');
  }
  const larghezza = header.celle.length;
  // Fixed column indexes (-1: absent).
  const iCodice = col.codice ?? -1;
  const iTesto = col.testo ?? -1;
  const iSeverita = col.severita ?? -1;
  const iCf = col.codiceFiscale ?? -1;
  const iIdAnpr = col.idAnpr ?? -1;
  const iCognome = col.cognome ?? -1;
  const iNome = col.nome ?? -1;
  const iNascita = col.dataNascita ?? -1;
  const iData = col.data ?? -1;
  const iCampo = col.campo ?? -1;
  const iValore = col.valore ?? -1;
  const iOggetto = col.oggetto ?? -1;
  const iServizio = col.servizio ?? -1;
  const iOpComune = col.idOperazioneComune ?? -1;
  const iOpAnpr = col.idOperazioneANPR ?? -1;
  const cella = (celle: string[], i: number): string => {
    if (i < 0) return '';
    const v = celle[i];
    return v === undefined ? '' : v.trim();
  };
  return (r, errori, importazioneId) => {
    // The reasons a row is refused, in this order; null while there are none (no allocation per good row).
    let motivi: string[] | null = null;
    const celle = r.celle;
    if (celle.length > larghezza && celle.slice(larghezza).some((c) => c.trim() !== '')) (motivi ??= []).push(`${celle.length} colonne invece di ${larghezza}`);
    const codice = maiuscole(cella(celle, iCodice));
    if (!codice) (motivi ??= []).push('codice anomalia mancante');
    else if (!codiceValido(codice)) (motivi ??= []).push(`codice anomalia «${codice.slice(0, 20)}» non valido`);
    const sevTesto = cella(celle, iSeverita);
    const sev = sevTesto === 'E' || sevTesto === 'W' ? sevTesto : sevTesto === 'WARNING' ? 'W' : sevTesto === 'ERRORE' ? 'E' : severitaDa(sevTesto);
    if (sev === null) (motivi ??= []).push(`severità «${sevTesto.slice(0, 20)}» non riconosciuta (attesa E/W, ERRORE/WARNING)`);
    const dataTesto = cella(celle, iData);
    const data = dataTesto ? dataIso(dataTesto) : oggi;
    if (data === null) (motivi ??= []).push(`data «${dataTesto.slice(0, 20)}» non valida`);
    const nascitaTesto = cella(celle, iNascita);
    const nascita = nascitaTesto ? dataIso(nascitaTesto) : null;
    if (nascitaTesto && nascita === null) (motivi ??= []).push(`data di nascita «${nascitaTesto.slice(0, 20)}» non valida`);
    const codiceFiscale = maiuscole(cella(celle, iCf)) || null;
    const idAnpr = maiuscole(cella(celle, iIdAnpr)) || null;
    const cognome = cella(celle, iCognome) || null;
    const nome = cella(celle, iNome) || null;
    // chiaveSoggetto() of these (already trimmed; ID and CF already upper case).
    const soggettoKey =
      idAnpr ?? codiceFiscale ?? (cognome !== null || nome !== null ? `N:${cognome === null ? '' : maiuscole(cognome)}|${nome === null ? '' : maiuscole(nome)}|${nascita ?? ''}` : null);
    if (!soggettoKey) (motivi ??= []).push('soggetto non indicato (codice fiscale, ID ANPR o cognome e nome)');
    if (motivi !== null) {
      errori.push({ riga: r.numero, motivo: motivi.join('; ') });
      return null;
    }
    const testo = cella(celle, iTesto) || catalogo.testo(codice) || `Anomalia ${codice}`;
    const campo = cella(celle, iCampo) || null;
    const valore = cella(celle, iValore) || null;
    return {
      chiave: chiaveAnomaliaSoggetto(soggettoKey!, codice, campo, valore, testo),
      fonte: 'file',
      codice,
      severita: sev ?? catalogo.severita(codice) ?? '?',
      testo,
      soggetto: { soggettoKey: soggettoKey!, codiceFiscale, idAnpr, cognome, nome, dataNascita: nascita },
      oggetto: cella(celle, iOggetto) || null,
      campo,
      valore,
      servizio: cella(celle, iServizio) || null,
      idOperazioneComune: cella(celle, iOpComune) || null,
      idOperazioneANPR: cella(celle, iOpAnpr) || null,
      importazioneId,
      riga: r.numero,
      rilevata: data!,
    };
  };
}

const ERRORE_INTESTAZIONE = 'Intestazione non riconosciuta: manca la colonna del codice anomalia (es. «Codice anomalia» o «codice»).';

/** Rows → anomalies (pure: no database), with the unreadable rows by line: the whole file at once (the import streams instead). */
export function interpretaRighe(
  righe: readonly RigaTabella[],
  catalogo: Catalogo,
  oggi: string,
): { header: RigaTabella; anomalie: NuovaAnomalia[]; errori: ErroreRiga[]; lette: number } {
  const headerIndex = indiceIntestazione(righe);
  if (headerIndex < 0) throw new FileNonLeggibile(ERRORE_INTESTAZIONE);
  const header = righe[headerIndex]!;
  const leggi = interprete(header, catalogo, oggi);
  const anomalie: NuovaAnomalia[] = [];
  const errori: ErroreRiga[] = [];
  for (let i = headerIndex + 1; i < righe.length; i++) {
    const a = leggi(righe[i]!, errori);
    if (a) anomalie.push(a);
  }
  return { header, anomalie, errori, lette: righe.length - headerIndex - 1 };
}

/** Rows parsed, checked and written per block, inside the import's one transaction. */
const RIGHE_PER_BLOCCO = 256;
/** Unreadable rows kept for the import's record (all are counted). */
const MAX_ERRORI_REGISTRATI = 1000;

/**
 * Imports an anomaly file. A csv is streamed: records are parsed, checked
 * and written in blocks of RIGHE_PER_BLOCCO inside one transaction, so
 * neither all the parsed rows nor all the anomalies are alive at once (a
 * large live heap slows every insert, and every block alive when the
 * garbage collector runs is copied). The rows stored are those of
 * `interpretaRighe` + `store.scrivi` on the whole file.
 */
export async function importaFileAnomalie(
  db: Db,
  store: AnomalieStore,
  catalogo: Catalogo,
  buf: Buffer,
  nomeFile: string,
  opzioni: OpzioniImportazione,
): Promise<EsitoImportazione> {
  // Off the serving thread when the host asks for it (electron/core/worker/layout.ts): a file database, no
  // transaction of the caller's open (the worker's connection could not see it).
  if (layoutWorker().importazioni && !db.memory && !db.inTransaction) {
    const esito = await importaNelWorker(db.name, store.ambiente, buf, nomeFile, opzioni);
    // The rows came through another connection: an empty write makes this store reload its caches (texts,
    // people) and drop its memoised counts, as after a write of its own (`caricaCache`, `conteggi` in store.ts).
    store.scrivi([]);
    return esito;
  }
  return importaFileAnomalieQui(db, store, catalogo, buf, nomeFile, opzioni);
}

export interface OpzioniImportazione {
  quando: string;
  operatore: string | null;
  /** Called every RIGHE_PER_AVVISO rows read (and once at the end) with the rows read so far. */
  avanzamento?: (righeLette: number) => void;
}

/** Rows between two progress calls. */
const RIGHE_PER_AVVISO = 10_000;

/** The import on this thread and connection (the worker runs this one on its own). */
export async function importaFileAnomalieQui(
  db: Db,
  store: AnomalieStore,
  catalogo: Catalogo,
  buf: Buffer,
  nomeFile: string,
  opzioni: OpzioniImportazione,
): Promise<EsitoImportazione> {
  const t0 = performance.now();
  const tabella = await leggiTabellaFlusso(buf, (fogli) => fogli.find((f) => indiceIntestazione(f.righe) >= 0) ?? fogli[0]);
  const it = tabella.righe[Symbol.iterator]();
  // The header may follow a few title rows: read the first ten, keep the rest for the stream.
  const primi: RigaTabella[] = [];
  while (primi.length < 10) {
    const r = it.next();
    if (r.done) break;
    primi.push(r.value);
  }
  if (primi.length === 0) throw new FileNonLeggibile('Il file è vuoto.');
  const headerIndex = indiceIntestazione(primi);
  if (headerIndex < 0) throw new FileNonLeggibile(ERRORE_INTESTAZIONE);
  const leggi = interprete(primi[headerIndex]!, catalogo, opzioni.quando.slice(0, 10));
  const sha = createHash('sha256').update(buf).digest('hex');
  const errori: ErroreRiga[] = [];
  let scartate = 0;
  let lette = 0;
  const esito = store.senzaControlloChiaviEsterne(db.transaction(() => {
    const importazioneId = Number(
      db
        .prepare(
          `INSERT INTO anomalie_importazioni (ambiente_id, nome_file, formato, sha256, righe, inserite, gia_presenti, scartate, errori_json, operatore, quando)
           VALUES (?, ?, ?, ?, 0, 0, 0, 0, '[]', ?, ?)`,
        )
        .run(store.ambienteId, nomeFile, tabella.formato, sha, opzioni.operatore, opzioni.quando).lastInsertRowid,
    );
    const erroriRiga: ErroreRiga[] = [];
    function* blocchi(): Generator<NuovaAnomalia[], void, undefined> {
      let blocco: NuovaAnomalia[] = [];
      const una = (r: RigaTabella) => {
        lette++;
        if (opzioni.avanzamento && lette % RIGHE_PER_AVVISO === 0) opzioni.avanzamento(lette);
        const a = leggi(r, erroriRiga, importazioneId);
        if (a === null) {
          scartate++;
          if (errori.length < MAX_ERRORI_REGISTRATI) errori.push(erroriRiga[0]!);
          erroriRiga.length = 0;
          return;
        }
        blocco.push(a);
      };
      for (let i = headerIndex + 1; i < primi.length; i++) una(primi[i]!);
      primi.length = 0;
      for (let r = it.next(); !r.done; r = it.next()) {
        una(r.value);
        if (blocco.length >= RIGHE_PER_BLOCCO) {
          yield blocco;
          blocco = [];
        }
      }
      if (blocco.length > 0) yield blocco;
    }
    const scritte = store.scriviFlusso(blocchi(), tabella.forseAlmeno);
    db.prepare('UPDATE anomalie_importazioni SET righe = ?, inserite = ?, gia_presenti = ?, scartate = ?, errori_json = ? WHERE id = ?').run(
      lette,
      scritte.inserite,
      scritte.giaPresenti,
      scartate,
      JSON.stringify(errori),
      importazioneId,
    );
    return scritte;
  }));
  opzioni.avanzamento?.(lette);
  return {
    destinazione: 'anomalie',
    nomeFile,
    formato: tabella.formato,
    righe: lette,
    inserite: esito.inserite,
    giaPresenti: esito.giaPresenti,
    scartate,
    errori: errori.slice(0, MAX_ERRORI_RIPORTATI),
    elenco: null,
    ms: performance.now() - t0,
  };
}
