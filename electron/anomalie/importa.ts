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
 * nothing twice. A row that cannot be read is reported with its line and the
 * reason; the others are imported.
 */
import { createHash } from 'node:crypto';
import type { Db } from '../db/database';
import { riconosciFonte } from '../anpr/catalogue';
import type { EsitoImportazione, SeveritaAnomalia } from '../../shared/ipc/domains/anomalie';
import { FileNonLeggibile, leggiTabella, type RigaTabella } from './tabella';
import { chiaveDi, chiaveSoggetto, type AnomalieStore, type NuovaAnomalia } from './store';
import { serialeExcelInData } from './xlsx';

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

/** yyyy-mm-dd, yyyy-mm-ddThh:mm[:ss], dd/mm/yyyy [hh:mm[:ss]], or an Excel serial → ISO; null when not a date. */
export function dataIso(s: string): string | null {
  const v = s.trim();
  // Fast path: yyyy-mm-dd (every row of a large file).
  if (v.length === 10 && v.charCodeAt(4) === 45 && v.charCodeAt(7) === 45) {
    const y = Number(v.slice(0, 4));
    const mo = Number(v.slice(5, 7));
    const d = Number(v.slice(8, 10));
    if (y >= 1800 && y <= 2200 && mo >= 1 && mo <= 12 && d >= 1 && d <= GIORNI_MESE[mo - 1]! + (mo === 2 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 1 : 0)) return v;
    if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return null;
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

/** Rows → anomalies (pure: no database), with the unreadable rows by line. */
export function interpretaRighe(
  righe: readonly RigaTabella[],
  catalogo: Catalogo,
  oggi: string,
): { header: RigaTabella; anomalie: NuovaAnomalia[]; errori: { riga: number; motivo: string }[]; lette: number } {
  // The header may follow a few title rows.
  const headerIndex = righe.slice(0, 10).findIndex((r) => mappaColonne(r.celle).codice !== undefined);
  if (headerIndex < 0) {
    throw new FileNonLeggibile('Intestazione non riconosciuta: manca la colonna del codice anomalia (es. «Codice anomalia» o «codice»).');
  }
  const header = righe[headerIndex]!;
  const col = mappaColonne(header.celle);
  const haSoggetto = col.codiceFiscale !== undefined || col.idAnpr !== undefined || col.cognome !== undefined;
  if (!haSoggetto) {
    if (riconosciFonte([header.celle])) {
      throw new FileNonLeggibile('Il file è un elenco ufficiale dei codici, non un elenco di anomalie: usare «Aggiorna catalogo».');
    }
    throw new FileNonLeggibile('Intestazione non riconosciuta: manca la colonna del soggetto («Codice fiscale», «Id ANPR» o «Cognome»).');
  }
  const larghezza = header.celle.length;
  const anomalie: NuovaAnomalia[] = [];
  const errori: { riga: number; motivo: string }[] = [];
  const cell = (celle: string[], c: Campo): string => (col[c] === undefined ? '' : (celle[col[c]!] ?? '').trim());
  const dati = righe.slice(headerIndex + 1);
  for (const r of dati) {
    const motivi: string[] = [];
    const celle = r.celle;
    if (celle.length > larghezza && celle.slice(larghezza).some((c) => c.trim() !== '')) motivi.push(`${celle.length} colonne invece di ${larghezza}`);
    const codice = cell(celle, 'codice').toUpperCase();
    if (!codice) motivi.push('codice anomalia mancante');
    else if (!/^[A-Z0-9]{3,8}$/.test(codice)) motivi.push(`codice anomalia «${codice.slice(0, 20)}» non valido`);
    const sevTesto = cell(celle, 'severita');
    const sev = severitaDa(sevTesto);
    if (sev === null) motivi.push(`severità «${sevTesto.slice(0, 20)}» non riconosciuta (attesa E/W, ERRORE/WARNING)`);
    const dataTesto = cell(celle, 'data');
    const data = dataTesto ? dataIso(dataTesto) : oggi;
    if (data === null) motivi.push(`data «${dataTesto.slice(0, 20)}» non valida`);
    const nascitaTesto = cell(celle, 'dataNascita');
    const nascita = nascitaTesto ? dataIso(nascitaTesto) : null;
    if (nascitaTesto && nascita === null) motivi.push(`data di nascita «${nascitaTesto.slice(0, 20)}» non valida`);
    const sogg = {
      codiceFiscale: cell(celle, 'codiceFiscale').toUpperCase() || null,
      idAnpr: cell(celle, 'idAnpr').toUpperCase() || null,
      cognome: cell(celle, 'cognome') || null,
      nome: cell(celle, 'nome') || null,
      dataNascita: nascita,
    };
    const soggettoKey = chiaveSoggetto(sogg);
    if (!soggettoKey) motivi.push('soggetto non indicato (codice fiscale, ID ANPR o cognome e nome)');
    if (motivi.length > 0) {
      errori.push({ riga: r.numero, motivo: motivi.join('; ') });
      continue;
    }
    const testo = cell(celle, 'testo') || catalogo.testo(codice) || `Anomalia ${codice}`;
    const campo = cell(celle, 'campo') || null;
    const valore = cell(celle, 'valore') || null;
    anomalie.push({
      chiave: chiaveAnomaliaSoggetto(soggettoKey!, codice, campo, valore, testo),
      fonte: 'file',
      codice,
      severita: sev ?? catalogo.severita(codice) ?? '?',
      testo,
      soggetto: { soggettoKey: soggettoKey!, ...sogg },
      oggetto: cell(celle, 'oggetto') || null,
      campo,
      valore,
      servizio: cell(celle, 'servizio') || null,
      idOperazioneComune: cell(celle, 'idOperazioneComune') || null,
      idOperazioneANPR: cell(celle, 'idOperazioneANPR') || null,
      riga: r.numero,
      rilevata: data!,
    });
  }
  return { header, anomalie, errori, lette: dati.length };
}

export async function importaFileAnomalie(
  db: Db,
  store: AnomalieStore,
  catalogo: Catalogo,
  buf: Buffer,
  nomeFile: string,
  opzioni: { quando: string; operatore: string | null },
): Promise<EsitoImportazione> {
  const t0 = performance.now();
  const tabella = await leggiTabella(buf, (fogli) => fogli.find((f) => f.righe.slice(0, 10).some((r) => mappaColonne(r.celle).codice !== undefined)) ?? fogli[0]);
  if (tabella.righe.length === 0) throw new FileNonLeggibile('Il file è vuoto.');
  const { anomalie, errori, lette } = interpretaRighe(tabella.righe, catalogo, opzioni.quando.slice(0, 10));
  // The cells are no longer needed: let them go before the write (a large live heap slows every insert).
  tabella.righe = [];
  const sha = createHash('sha256').update(buf).digest('hex');
  const esito = db.transaction(() => {
    const importazioneId = Number(
      db
        .prepare(
          `INSERT INTO anomalie_importazioni (nome_file, formato, sha256, righe, inserite, gia_presenti, scartate, errori_json, operatore, quando)
           VALUES (?, ?, ?, ?, 0, 0, ?, ?, ?, ?)`,
        )
        .run(nomeFile, tabella.formato, sha, lette, errori.length, JSON.stringify(errori.slice(0, 1000)), opzioni.operatore, opzioni.quando).lastInsertRowid,
    );
    for (const a of anomalie) a.importazioneId = importazioneId;
    const scritte = store.scrivi(anomalie);
    db.prepare('UPDATE anomalie_importazioni SET inserite = ?, gia_presenti = ? WHERE id = ?').run(scritte.inserite, scritte.giaPresenti, importazioneId);
    return scritte;
  })();
  return {
    destinazione: 'anomalie',
    nomeFile,
    formato: tabella.formato,
    righe: lette,
    inserite: esito.inserite,
    giaPresenti: esito.giaPresenti,
    scartate: errori.length,
    errori: errori.slice(0, MAX_ERRORI_RIPORTATI),
    elenco: null,
    ms: performance.now() - t0,
  };
}
