/**
 * The official catalogue in the database: imported from resources/anpr/errori
 * at first start, replaced list by list from a newer official file (csv or
 * xlsx, the same layouts as the shipped ones) without a release. Importing
 * the same file again changes nothing (sha-256 per list).
 */
import { createHash } from 'node:crypto';
import type { Db } from '../../platform/db/database';
import {
  FONTI_ERRORE,
  installaCatalogo,
  leggiRisorsaCatalogo,
  riconosciFonte,
  righeCatalogo,
  type ErroreCatalogo,
  type FonteErrore,
} from '../../anpr/catalogue';
import { FileNonLeggibile, leggiTabella } from './tabella';

export const ETICHETTA_FONTE_CATALOGO: Record<FonteErrore, string> = {
  elenco_errori_anpr: 'Elenco segnalazioni ANPR (operazioni anagrafiche)',
  errori_agenzia_entrate: 'Elenco errori con codici Agenzia delle Entrate',
  anomalie_subentro: 'Tabella anomalie al subentro (ANPR)',
  anomalie_subentro_2019: 'Tabella anomalie al subentro (documentazione 2019)',
};

function sha256(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

const COLONNE = [
  'codice',
  'fonte',
  'descrizione',
  'severita',
  'severita_subentro',
  'suggerimento',
  'procedura',
  'note_servizi',
  'tabella_riferimento',
  'categoria',
  'blocco_subentro',
  'data_variazione',
] as const;

function valori(e: ErroreCatalogo): (string | null)[] {
  return [
    e.codice.toUpperCase(),
    e.fonte,
    e.descrizione,
    e.severita ?? null,
    e.severitaSubentro ?? null,
    e.suggerimento ?? null,
    e.procedura ?? null,
    e.noteServizi ?? null,
    e.tabellaRiferimento ?? null,
    e.categoria ?? null,
    e.bloccoSubentro ?? null,
    e.dataVariazione ?? null,
  ];
}

export interface EsitoCatalogo {
  fonte: FonteErrore;
  voci: number;
  nuove: number;
  invariato: boolean;
}

/** Replaces one list in the database (one transaction); a no-op when the same file was already imported. */
function sostituisciElenco(db: Db, fonte: FonteErrore, voci: ErroreCatalogo[], file: { nome: string; sha: string; origine: 'risorse' | 'aggiornamento'; quando: string }): EsitoCatalogo {
  const attuale = db.prepare('SELECT sha256 FROM anomalie_catalogo_file WHERE fonte = ?').pluck().get(fonte) as string | undefined;
  if (attuale === file.sha) return { fonte, voci: voci.length, nuove: 0, invariato: true };
  const ins = db.prepare(`INSERT OR REPLACE INTO anomalie_catalogo (${COLONNE.join(', ')}) VALUES (${COLONNE.map(() => '?').join(', ')})`);
  const prima = new Set(db.prepare('SELECT codice FROM anomalie_catalogo WHERE fonte = ?').pluck().all(fonte) as string[]);
  let nuove = 0;
  db.transaction(() => {
    db.prepare('DELETE FROM anomalie_catalogo WHERE fonte = ?').run(fonte);
    for (const v of voci) {
      if (!prima.has(v.codice.toUpperCase())) nuove++;
      ins.run(...valori(v));
    }
    db.prepare(
      `INSERT INTO anomalie_catalogo_file (fonte, nome_file, sha256, voci, origine, importato) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (fonte) DO UPDATE SET nome_file = excluded.nome_file, sha256 = excluded.sha256, voci = excluded.voci,
         origine = excluded.origine, importato = excluded.importato`,
    ).run(fonte, file.nome, file.sha, voci.length, file.origine, file.quando);
  })();
  return { fonte, voci: voci.length, nuove, invariato: false };
}

/** Every catalogue row in the database, as the in-memory catalogue wants it. */
export function vociDalDatabase(db: Db): ErroreCatalogo[] {
  return (db.prepare(`SELECT ${COLONNE.join(', ')} FROM anomalie_catalogo`).all() as Record<string, string | null>[]).map((r) => {
    const e: ErroreCatalogo = { codice: r.codice!, descrizione: r.descrizione!, fonte: r.fonte as FonteErrore };
    if (r.severita) e.severita = r.severita;
    if (r.severita_subentro) e.severitaSubentro = r.severita_subentro;
    if (r.suggerimento) e.suggerimento = r.suggerimento;
    if (r.procedura) e.procedura = r.procedura;
    if (r.note_servizi) e.noteServizi = r.note_servizi;
    if (r.tabella_riferimento) e.tabellaRiferimento = r.tabella_riferimento;
    if (r.categoria) e.categoria = r.categoria;
    if (r.blocco_subentro) e.bloccoSubentro = r.blocco_subentro;
    if (r.data_variazione) e.dataVariazione = r.data_variazione;
    return e;
  });
}

/**
 * First start (and every start, cheaply): imports each list the database
 * does not have yet from resources; then, when a list was updated from a
 * newer file, makes the in-memory catalogue (`lookupErrore`) use it.
 */
export function inizializzaCatalogo(db: Db, quando: string): EsitoCatalogo[] {
  const presenti = new Map(
    (db.prepare('SELECT fonte, origine FROM anomalie_catalogo_file').all() as { fonte: FonteErrore; origine: string }[]).map((r) => [r.fonte, r.origine]),
  );
  const esiti: EsitoCatalogo[] = [];
  for (const fonte of FONTI_ERRORE) {
    if (presenti.has(fonte)) continue;
    const { rows, file } = leggiRisorsaCatalogo(fonte);
    esiti.push(sostituisciElenco(db, fonte, righeCatalogo(fonte, rows), { nome: file, sha: sha256(JSON.stringify(rows)), origine: 'risorse', quando }));
  }
  if ([...presenti.values()].includes('aggiornamento')) installaCatalogo(vociDalDatabase(db));
  return esiti;
}

/**
 * A newer official list (csv or xlsx). The list is recognised from its
 * header; on xlsx the first sheet with a recognised header is used.
 */
export async function aggiornaCatalogoDaFile(db: Db, buf: Buffer, nomeFile: string, quando: string): Promise<EsitoCatalogo & { righe: number; formato: 'csv' | 'xlsx' }> {
  const tabella = await leggiTabella(buf, (fogli) => fogli.find((f) => riconosciFonte(f.righe.slice(0, 1).map((r) => r.celle)) !== undefined));
  const righe = tabella.righe.map((r) => r.celle);
  const fonte = riconosciFonte(righe);
  if (!fonte) {
    throw new FileNonLeggibile(
      "Il file non è un elenco ufficiale riconosciuto: servono le colonne dell'elenco segnalazioni ANPR (Codice esito, Descrizione, …), dell'elenco errori Agenzia delle Entrate o della tabella anomalie al subentro.",
    );
  }
  const voci = righeCatalogo(fonte, righe);
  if (voci.length === 0) throw new FileNonLeggibile("L'elenco non contiene codici.");
  const esito = sostituisciElenco(db, fonte, voci, { nome: nomeFile, sha: sha256(JSON.stringify(righe)), origine: 'aggiornamento', quando });
  installaCatalogo(vociDalDatabase(db));
  return { ...esito, righe: righe.length - 1, formato: tabella.formato };
}

export function statoCatalogo(db: Db): { fonte: string; elenco: string; nomeFile: string; voci: number; origine: string; importato: string }[] {
  return (db.prepare('SELECT fonte, nome_file, voci, origine, importato FROM anomalie_catalogo_file ORDER BY fonte').all() as {
    fonte: FonteErrore;
    nome_file: string;
    voci: number;
    origine: string;
    importato: string;
  }[]).map((r) => ({ fonte: r.fonte, elenco: ETICHETTA_FONTE_CATALOGO[r.fonte] ?? r.fonte, nomeFile: r.nome_file, voci: r.voci, origine: r.origine, importato: r.importato }));
}

/** Best severity for a code: services severity first, then subentro. */
export function severitaDaCatalogo(db: Db): (codice: string) => 'E' | 'W' | undefined {
  const map = new Map<string, 'E' | 'W'>();
  for (const r of db.prepare("SELECT codice, coalesce(severita, severita_subentro) AS s FROM anomalie_catalogo WHERE coalesce(severita, severita_subentro) IN ('E','W') ORDER BY CASE fonte WHEN 'elenco_errori_anpr' THEN 0 WHEN 'errori_agenzia_entrate' THEN 1 WHEN 'anomalie_subentro' THEN 2 ELSE 3 END DESC").all() as { codice: string; s: 'E' | 'W' }[]) {
    map.set(r.codice, r.s);
  }
  return (codice) => map.get(codice);
}

/** Best Italian text for a code. */
export function testoDaCatalogo(db: Db): (codice: string) => string | undefined {
  const map = new Map<string, string>();
  for (const r of db.prepare("SELECT codice, descrizione FROM anomalie_catalogo ORDER BY CASE fonte WHEN 'elenco_errori_anpr' THEN 0 WHEN 'errori_agenzia_entrate' THEN 1 WHEN 'anomalie_subentro' THEN 2 ELSE 3 END DESC").all() as { codice: string; descrizione: string }[]) {
    map.set(r.codice, r.descrizione);
  }
  return (codice) => map.get(codice);
}
