/**
 * Official tables are data, never code: the operation forms (their logic in
 * shared/anpr/moduli, their fields in renderer/src/screens/pratiche/moduli) list only the codes they offer of a
 * table by number (`lista(numero, codici)`) and show the descriptions the core
 * reads from resources/anpr/tabelle. This test fails when
 *  - a listed code is not (or no longer) in its official table;
 *  - a code+description list is still typed by hand in renderer/src, unless it is
 *    one of the known XSD enumerations that have no official table (ALLOWED),
 *    or a hand-typed description differs from the CSV of the table it cites.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { getAnprTables } from './platform/tabelle/loader';

const RADICE = path.resolve(__dirname, '..');
const SRC = path.join(RADICE, 'renderer', 'src');
const MODULI = path.join(SRC, 'screens', 'pratiche', 'moduli');
const LOGICHE = path.join(RADICE, 'shared', 'anpr', 'moduli');
const oggi = new Date().toISOString().slice(0, 10);

interface ListaCodici {
  tabella: number;
  codici: readonly string[];
}
const eLista = (x: unknown): x is ListaCodici => typeof x === 'object' && x !== null && typeof (x as ListaCodici).tabella === 'number' && Array.isArray((x as ListaCodici).codici);

function sorgenti(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sorgenti(p);
    return /\.tsx?$/.test(e.name) && !/\.test(-data)?\.tsx?$|\.test\.tsx?$/.test(e.name) ? [p] : [];
  });
}

/** Hand-typed lists that are XSD enumerations or app choices, not ANPR decoding tables. */
const ALLOWED: Record<string, string> = {
  'shared/anpr/moduli/regole.ts#RUOLI_SOGGETTO': 'datiControllo.ruoloSoggetto (XSD)',
  'renderer/src/screens/pratiche/moduli/campi.tsx#SESSI': 'sesso M/F (XSD)',
  'shared/anpr/moduli/m1001.ts#ATTRIBUZIONI_FAMIGLIA': 'datiControllo.attribuzioneFamiglia (XSD)',
  'shared/anpr/moduli/m1001.ts#FILIAZIONI': 'filiazione (XSD)',
  'shared/anpr/moduli/m1001.ts#ORIGINI_COGNOME': 'origineCognome (XSD)',
  'shared/anpr/moduli/m1001.ts#GESTIONE_CF_NASCITA': 'datiControllo.gestioneCF (XSD)',
  'shared/anpr/moduli/m1002.ts#ATTRIBUZIONI_FAMIGLIA_1002': 'datiControllo.attribuzioneFamiglia (XSD)',
  'shared/anpr/moduli/m1002.ts#GESTIONE_CF_1002': 'datiControllo.gestioneCF (XSD)',
  'shared/anpr/moduli/m5001.ts#TIPI_SCHEDA': 'tipoScheda famiglia/convivenza (XSD)',
  'shared/anpr/moduli/m5008.ts#GESTIONE_CF': 'datiControllo.gestioneCF (XSD)',
  'shared/anpr/moduli/mAnnullamenti.ts#RIPRISTINI': '5012 listaControlli RA/RP (XSD)',
  'renderer/src/screens/pratiche/moduli/m2001.tsx#inline': 'in Italia / all’estero (a choice of the form)',
  'renderer/src/screens/certificazione/Emissione.tsx#USI': 'certificate use (certificazione XSD)',
  'renderer/src/screens/certificazione/Emissione.tsx#MODALITA': 'bollo payment mode (certificazione XSD)',
};

interface VoceScritta {
  lista: string;
  codice: string;
  descrizione: string;
  /** The table number its comment cites ("Tabella 7"), if any. */
  tabella: number | null;
}

/** Every `{ codice: '…', descrizione|etichetta: '…' }` typed in renderer/src or the forms' logic, with the list it belongs to. */
function vociScritte(): VoceScritta[] {
  const out: VoceScritta[] = [];
  const re = /\{\s*codice:\s*(['"])(.*?)\1,\s*(?:descrizione|etichetta):\s*(['"])(.*?)\3\s*\}/g;
  for (const file of [...sorgenti(SRC), ...sorgenti(LOGICHE)]) {
    const s = readFileSync(file, 'utf8');
    const rel = path.relative(RADICE, file).split(path.sep).join('/');
    for (const m of s.matchAll(re)) {
      const prima = s.slice(0, m.index);
      const c = /(?:const|let)\s+(\w+)[^=]*=[^;]*$/.exec(prima);
      const inline = prima.lastIndexOf('voci={[') > (c ? c.index : -1);
      const nome = inline || !c ? 'inline' : c[1]!;
      const inizioLista = inline ? prima.lastIndexOf('voci={[') : (c?.index ?? 0);
      const commento = prima.slice(Math.max(0, inizioLista - 300), inizioLista);
      // Only the doc comment right before the list counts.
      const doc = /\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*(?:export\s+)?$/.exec(commento)?.[1] ?? '';
      const t = /Tabella\s+(\d+)/.exec(doc);
      out.push({ lista: `${rel}#${nome}`, codice: m[2]!, descrizione: m[4]!, tabella: t ? Number(t[1]) : null });
    }
  }
  return out;
}

describe('official tables are data, never code', () => {
  const tabelle = getAnprTables();
  const liste: { dove: string; lista: ListaCodici }[] = [];

  beforeAll(async () => {
    // Every module of the forms' logic (the .tsx keep no lists: see below).
    for (const file of readdirSync(LOGICHE).filter((f) => f.endsWith('.ts') && !f.includes('.test'))) {
      const m = (await import(/* @vite-ignore */ `../shared/anpr/moduli/${file}`)) as Record<string, unknown>;
      for (const [nome, x] of Object.entries(m)) if (eLista(x)) liste.push({ dove: `${file}#${nome}`, lista: x });
    }
  });

  it('finds the code lists of the forms', () => {
    const nomi = liste.map((l) => l.dove);
    for (const atteso of ['regole.ts#RELAZIONI_PARENTELA', 'm1002.ts#MOTIVI_ISCRIZIONE', 'm2003.ts#MOTIVI_CANCELLAZIONE', 'm5008.ts#TIPI_CESSAZIONE', 'codici.ts#TIPI_MUTAZIONE_RESIDENZA', 'codici.ts#MOTIVI_MORTE', 'codici.ts#MOVIMENTAZIONI']) {
      expect(nomi).toContain(atteso);
    }
  });

  it('the .tsx forms define no code list of their own (so this test sees them all)', () => {
    const conListe = readdirSync(MODULI).filter((f) => f.endsWith('.tsx') && /\blista\(/.test(readFileSync(path.join(MODULI, f), 'utf8')));
    expect(conListe).toEqual([]);
  });

  it('every listed code is in its official table and valid today', () => {
    const errori: string[] = [];
    for (const { dove, lista } of liste) {
      const t = tabelle.tabella(lista.tabella);
      if (!t) {
        errori.push(`${dove}: Tabella ${lista.tabella} non esiste in resources/anpr/tabelle`);
        continue;
      }
      for (const codice of lista.codici) {
        const v = t.voci.find((x) => x.codice === codice);
        if (!v) errori.push(`${dove}: il codice ${codice} non è nella Tabella ${lista.tabella} (${t.titolo})`);
        else if (v.dataFineValidita !== null && v.dataFineValidita < oggi) errori.push(`${dove}: il codice ${codice} della Tabella ${lista.tabella} è cessato il ${v.dataFineValidita}`);
      }
      if (new Set(lista.codici).size !== lista.codici.length) errori.push(`${dove}: codici ripetuti`);
    }
    expect(errori).toEqual([]);
  });

  it('no official code list is typed by hand in renderer/src or shared/anpr/moduli, and no typed description differs from the CSV', () => {
    const errori: string[] = [];
    for (const v of vociScritte()) {
      if (v.tabella !== null) {
        const ufficiale = tabelle.decodifica(v.tabella, v.codice);
        if (ufficiale !== v.descrizione) errori.push(`${v.lista}: codice ${v.codice} «${v.descrizione}» ≠ Tabella ${v.tabella} «${ufficiale ?? '(assente)'}»`);
        errori.push(`${v.lista}: la Tabella ${v.tabella} va letta con lista(${v.tabella}, [...]), non copiata`);
      } else if (!(v.lista in ALLOWED)) {
        errori.push(`${v.lista}: elenco di codici scritto a mano (${v.codice} «${v.descrizione}»): se è una tabella ANPR usare lista(numero, codici), altrimenti aggiungerlo ad ALLOWED con il motivo`);
      }
    }
    expect([...new Set(errori)]).toEqual([]);
  });

  it('the states come from Tabella 2: no hand-copied copy of the foreign states is left', () => {
    const copie = [...sorgenti(SRC), ...sorgenti(LOGICHE)].filter((f) => /\bZ\d{3}\b/.test(readFileSync(f, 'utf8')) && /ROMANIA|FRANCIA/.test(readFileSync(f, 'utf8')));
    expect(copie.map((f) => path.relative(RADICE, f))).toEqual([]);
  });
});
