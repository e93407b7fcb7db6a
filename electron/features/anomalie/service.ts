/**
 * One anomaly service per database and environment: the environment's store
 * with its caches, imports and exports; the catalogue lookups and the file
 * uploads in blocks are shared by the environments of a database (the
 * catalogue is reference data; an upload is only bytes until it is imported,
 * into the environment current then). Handlers, the queue and the search
 * code reach the same instance through `anomalieService(db, ambiente)`, with
 * the key of `ambienteLocale` (electron/platform/impostazioni.ts).
 */
import { randomBytes } from 'node:crypto';
import type { Db } from '../../platform/db/database';
import type { Clock } from '../../core/clock';
import { systemClock } from '../../core/clock';
import { formatCsvPerFoglio } from '../../../shared/domain/csv';
import type {
  AnomaliaRiga,
  EsitoImportazione,
  FiltriAnomalie,
  OrdinamentoAnomalie,
  Raggruppamento,
} from '../../../shared/ipc/domains/anomalie';
import { aggiornaCatalogoDaFile, ETICHETTA_FONTE_CATALOGO, inizializzaCatalogo, severitaDaCatalogo, testoDaCatalogo } from './catalogo';
import { importaFileAnomalie, type Catalogo } from './importa';
import { createAnomalieStore, type AnomalieStore } from './store';
import { scriviXlsx } from './xlsx';

export class CaricamentoNonValido extends Error {}

const MAX_BYTE_CARICAMENTO = 80 * 1024 * 1024;
const SCADENZA_CARICAMENTO_MS = 15 * 60 * 1000;

const ETICHETTA_STATO = { aperta: 'Aperta', in_lavorazione: 'In lavorazione', sanata: 'Sanata' } as const;
const ETICHETTA_FONTE = { risposta: 'Risposta ANPR', interrogazione: 'Interrogazione 3002', file: 'File ANPR' } as const;
const ETICHETTA_SEVERITA = { E: 'Errore', W: 'Warning', '?': 'Non indicata' } as const;

export const COLONNE_ESPORTAZIONE: readonly { titolo: string; larghezza: number; valore: (r: AnomaliaRiga) => string }[] = [
  { titolo: 'Codice anomalia', larghezza: 12, valore: (r) => r.codice },
  { titolo: 'Severità', larghezza: 10, valore: (r) => ETICHETTA_SEVERITA[r.severita] },
  { titolo: 'Messaggio di errore', larghezza: 60, valore: (r) => r.testo },
  { titolo: 'Cognome e nome', larghezza: 28, valore: (r) => r.persona },
  { titolo: 'Codice fiscale', larghezza: 18, valore: (r) => r.codiceFiscale ?? '' },
  { titolo: 'Id ANPR', larghezza: 12, valore: (r) => r.idAnpr ?? '' },
  { titolo: 'Data nascita', larghezza: 12, valore: (r) => r.dataNascita ?? '' },
  { titolo: 'Data segnalazione', larghezza: 18, valore: (r) => r.rilevata },
  { titolo: 'Stato', larghezza: 14, valore: (r) => ETICHETTA_STATO[r.stato] },
  { titolo: 'Fonte', larghezza: 18, valore: (r) => ETICHETTA_FONTE[r.fonte] },
  { titolo: 'Campo', larghezza: 14, valore: (r) => r.campo ?? '' },
  { titolo: 'Valore', larghezza: 14, valore: (r) => r.valore ?? '' },
  { titolo: 'Servizio', larghezza: 9, valore: (r) => r.servizio ?? '' },
  { titolo: 'Id operazione comune', larghezza: 18, valore: (r) => r.idOperazioneComune ?? '' },
  { titolo: 'Operatore', larghezza: 20, valore: (r) => r.statoOperatore ?? '' },
  { titolo: 'Data stato', larghezza: 18, valore: (r) => r.statoQuando ?? '' },
];

export interface AnomalieService {
  readonly db: Db;
  /** The environment key (`SIMULATORE:056003`): every read and write of this service stays inside it. */
  readonly ambiente: string;
  readonly store: AnomalieStore;
  readonly catalogo: Catalogo;
  adesso(): string;
  caricaBlocco(caricamentoId: string | undefined, nomeFile: string, blocco: Buffer): { caricamentoId: string; byte: number };
  prendiCaricamento(caricamentoId: string): { nomeFile: string; dati: Buffer };
  importaFile(buf: Buffer, nomeFile: string, destinazione: 'anomalie' | 'catalogo', operatore: string | null): Promise<EsitoImportazione>;
  esporta(filtri: FiltriAnomalie, ordinamento: OrdinamentoAnomalie, raggruppamento: Raggruppamento, formato: 'csv' | 'xlsx'): { nomeFile: string; mime: string; dati: Buffer; righe: number };
  /** Marks *sanata* (by ANPR) the open anomalies of a subject whose code ANPR no longer reports. */
  chiudiAssenti(soggettoKey: string, codiciAperti: ReadonlySet<string>, quando: string): number;
}

/** What the environments of a database share: the clock, the catalogue lookups, the uploads. */
interface Condiviso {
  adesso(): string;
  catalogo: Catalogo;
  /** Re-reads the lookups after a catalogue update. */
  ricaricaCatalogo(): void;
  caricamenti: Map<string, { nomeFile: string; parti: Buffer[]; byte: number; scadenza: number }>;
  perAmbiente: Map<string, AnomalieService>;
}

const condivisi = new WeakMap<Db, Condiviso>();

/**
 * The service of one environment of a database (created at the first call;
 * the clock is the first call's). `ambiente`: the key of `ambienteLocale`.
 */
export function anomalieService(db: Db, ambiente: string, clock: Clock = systemClock): AnomalieService {
  let c = condivisi.get(db);
  if (!c) {
    c = creaCondiviso(db, clock);
    condivisi.set(db, c);
  }
  let service = c.perAmbiente.get(ambiente);
  if (!service) {
    service = createAnomalieService(db, ambiente, c);
    c.perAmbiente.set(ambiente, service);
  }
  return service;
}

function creaCondiviso(db: Db, clock: Clock): Condiviso {
  const adesso = () => clock.now().toISOString().slice(0, 19);
  inizializzaCatalogo(db, adesso());
  let sev = severitaDaCatalogo(db);
  let txt = testoDaCatalogo(db);
  return {
    adesso,
    catalogo: { severita: (c) => sev(c), testo: (c) => txt(c) },
    ricaricaCatalogo() {
      sev = severitaDaCatalogo(db);
      txt = testoDaCatalogo(db);
    },
    caricamenti: new Map(),
    perAmbiente: new Map(),
  };
}

function createAnomalieService(db: Db, ambiente: string, condiviso: Condiviso): AnomalieService {
  const { adesso, catalogo, caricamenti } = condiviso;
  const store = createAnomalieStore(db, ambiente);

  const pulisci = () => {
    const now = Date.now();
    for (const [id, c] of caricamenti) if (c.scadenza < now) caricamenti.delete(id);
  };

  // The subject is the environment's (anomalie_soggetti is per environment), and so are its rows. The environment's
  // id as a literal: the condition of its partial indexes (see `condizioni` in store.ts).
  const amb = store.ambienteId;
  const aperteDi = db.prepare(
    `SELECT a.id, a.codice FROM anomalie a WHERE a.ambiente_id = ${amb} AND a.soggetto_id = (SELECT id FROM anomalie_soggetti WHERE ambiente_id = ${amb} AND soggetto_key = ?)
       AND a.stato <> 'sanata' AND a.fonte IN ('interrogazione', 'file')`,
  );
  const chiudi = db.prepare("UPDATE anomalie SET stato = 'sanata', stato_operatore = ?, stato_quando = ?, stato_nota = ? WHERE id = ?");
  const storico = db.prepare('INSERT INTO anomalie_storico (anomalia_id, da, a, operatore, quando, nota) VALUES (?, ?, ?, ?, ?, ?)');
  const statoDi = db.prepare('SELECT stato FROM anomalie WHERE id = ?').pluck();

  return {
    db,
    ambiente,
    store,
    catalogo,
    adesso,
    caricaBlocco(caricamentoId, nomeFile, blocco) {
      pulisci();
      let id = caricamentoId;
      let c = id ? caricamenti.get(id) : undefined;
      if (id && !c) throw new CaricamentoNonValido('Caricamento scaduto o sconosciuto: ricaricare il file.');
      if (!c) {
        if (caricamenti.size >= 8) throw new CaricamentoNonValido('Troppi caricamenti in corso: attendere il termine di quelli avviati.');
        id = randomBytes(12).toString('base64url');
        c = { nomeFile, parti: [], byte: 0, scadenza: 0 };
        caricamenti.set(id, c);
      }
      c.byte += blocco.length;
      if (c.byte > MAX_BYTE_CARICAMENTO) {
        caricamenti.delete(id!);
        throw new CaricamentoNonValido('File troppo grande (massimo 80 MB).');
      }
      c.parti.push(blocco);
      c.scadenza = Date.now() + SCADENZA_CARICAMENTO_MS;
      return { caricamentoId: id!, byte: c.byte };
    },
    prendiCaricamento(caricamentoId) {
      pulisci();
      const c = caricamenti.get(caricamentoId);
      if (!c) throw new CaricamentoNonValido('Caricamento scaduto o sconosciuto: ricaricare il file.');
      caricamenti.delete(caricamentoId);
      return { nomeFile: c.nomeFile, dati: Buffer.concat(c.parti) };
    },
    async importaFile(buf, nomeFile, destinazione, operatore) {
      if (destinazione === 'anomalie') return importaFileAnomalie(db, store, catalogo, buf, nomeFile, { quando: adesso(), operatore });
      const t0 = performance.now();
      const esito = await aggiornaCatalogoDaFile(db, buf, nomeFile, adesso());
      condiviso.ricaricaCatalogo();
      return {
        destinazione: 'catalogo',
        nomeFile,
        formato: esito.formato,
        righe: esito.righe,
        inserite: esito.invariato ? 0 : esito.voci,
        giaPresenti: esito.invariato ? esito.voci : 0,
        scartate: 0,
        errori: [],
        elenco: ETICHETTA_FONTE_CATALOGO[esito.fonte],
        ms: performance.now() - t0,
      };
    },
    esporta(filtri, ordinamento, raggruppamento, formato) {
      const stamp = adesso().replace(/[-:]/g, '').replace('T', '-').slice(0, 13);
      const righe: string[][] = [];
      for (const r of store.tutte(filtri, ordinamento, raggruppamento)) righe.push(COLONNE_ESPORTAZIONE.map((c) => c.valore(r)));
      if (formato === 'csv') {
        // `;` and a BOM: what Excel in Italian expects when the file is opened with a double click.
        const testo = '\ufeff' + formatCsvPerFoglio([COLONNE_ESPORTAZIONE.map((c) => c.titolo), ...righe], ';');
        return { nomeFile: `anomalie-${stamp}.csv`, mime: 'text/csv;charset=utf-8', dati: Buffer.from(testo, 'utf8'), righe: righe.length };
      }
      return {
        nomeFile: `anomalie-${stamp}.xlsx`,
        mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        dati: scriviXlsx('Anomalie', COLONNE_ESPORTAZIONE, righe),
        righe: righe.length,
      };
    },
    chiudiAssenti(soggettoKey, codiciAperti, quando) {
      let n = 0;
      db.transaction(() => {
        for (const r of aperteDi.all(soggettoKey) as { id: number; codice: string }[]) {
          if (codiciAperti.has(r.codice)) continue;
          const da = statoDi.get(r.id) as string;
          const nota = "Non più segnalata da ANPR nell'interrogazione 3002.";
          chiudi.run('ANPR', quando, nota, r.id);
          storico.run(r.id, da, 'sanata', 'ANPR', quando, nota);
          n++;
        }
      })();
      return n;
    },
  };
}
