/**
 * Local checks run BEFORE a 6001 request leaves the postazione: the rules of
 * ANPR's "Mappatura controlli servizi di certificazione"
 * (resources/anpr/certificazione/controlli_certificati.csv) that can be
 * decided from the request and from the subject just read from ANPR, plus
 * the bollo / diritti / esenzione consistency. Each violation quotes the
 * official condition it comes from, so the clerk sees why.
 *
 * Rules about coded civil status or citizenship values (e.g. stato libero for
 * a married person) are left to ANPR, whose data are authoritative: its
 * refusal is shown verbatim.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsvTable } from '../../../shared/domain/csv';
import { validaCodiceFiscale } from '../../../shared/domain/codice-fiscale';
import type { DettaglioSoggetto, SchedaFamiglia } from '../../../shared/ipc/domains/ricerca';
import type { RichiestaCertificatoSchema, ViolazioneCertificato } from '../../../shared/ipc/domains/certificazione';
import type { z } from 'zod';
import { RESOURCES_DIR } from '../../platform/paths';

export type Richiesta = z.output<typeof RichiestaCertificatoSchema>;

export interface ControlloAnpr {
  tipo: string;
  sezione: string;
  condizione: string;
}

export interface TabelleRegole {
  /** Tabella 13: code → description. */
  tipi: ReadonlyMap<string, string>;
  /** Tabella 39: code → { description, also exempt from diritti }. */
  esenzioni: ReadonlyMap<string, { descrizione: string; esenteDiritti: boolean }>;
  controlli: readonly ControlloAnpr[];
}

export const FILE_CONTROLLI = join(RESOURCES_DIR, 'anpr', 'certificazione', 'controlli_certificati.csv');

export function parseControlli(csv: string): ControlloAnpr[] {
  const t = parseCsvTable(csv);
  const c = { tipo: t.column('tipoCertificato'), sezione: t.column('sezione'), cond: t.column('condizione_che_inibisce_emissione') };
  if (c.tipo < 0 || c.sezione < 0 || c.cond < 0) throw new Error('controlli_certificati.csv: colonne attese assenti');
  return t.rows
    .filter((r) => (r[c.tipo] ?? '').trim() !== '')
    .map((r) => ({ tipo: r[c.tipo]!.trim(), sezione: r[c.sezione]!.trim(), condizione: r[c.cond]!.trim() }));
}

let cache: ControlloAnpr[] | null = null;
export function caricaControlli(file = FILE_CONTROLLI): ControlloAnpr[] {
  if (file === FILE_CONTROLLI && cache) return cache;
  const out = parseControlli(readFileSync(file, 'utf8'));
  if (file === FILE_CONTROLLI) cache = out;
  return out;
}

/** Types that can only be requested alone (CSV: "può essere richiesto solo singolarmente"). */
export const SOLO_SINGOLO = new Set(['2', '4', '6', '9', '20']);
/** Types ANPR reserves to residents (CSV: refused "per soggetti iscritti all'AIRE"). */
export const SOLO_RESIDENTI = new Set(['2', '4', '6', '7', '8', '11', '12', '13', '14', '16', '17']);
/**
 * Pairs refused together in a cumulative certificate, from the CSV section
 * "Combinazioni certificati su cumulativi" (type → the types it names).
 */
export const COMBINAZIONI_VIETATE: ReadonlyArray<readonly [string, string]> = [
  ['3', '17'],
  ['3', '18'],
  ['17', '11'],
  ['11', '12'],
  ['11', '13'],
  ['11', '14'],
  ['11', '16'],
  ['12', '13'],
  ['12', '14'],
  ['12', '16'],
  ['13', '14'],
  ['13', '16'],
  ['14', '16'],
  ...[...SOLO_RESIDENTI].flatMap((r) => [['10', r] as const, ['15', r] as const]),
];

const FAMIGLIA = new Set(['12', '13', '16']);

const euro = (c: number) => `${(c / 100).toFixed(2).replace('.', ',')} €`;

export interface SoggettoLetto {
  soggetto: DettaglioSoggetto;
  famiglia: SchedaFamiglia | null;
}

export function verificaRichiesta(r: Richiesta, tabelle: TabelleRegole, letto: SoggettoLetto | null): ViolazioneCertificato[] {
  const out: ViolazioneCertificato[] = [];
  const desc = (t: string) => `«${tabelle.tipi.get(t) ?? `tipo ${t}`}»`;
  /** The official condition text for (type, section) containing `contiene`, if the CSV has it. */
  const csv = (tipo: string, sezione: string, contiene: string): string | null => {
    const k = contiene.toLowerCase();
    return (
      tabelle.controlli.find((c) => c.tipo === tipo && c.sezione.toLowerCase().startsWith(sezione.toLowerCase()) && c.condizione.toLowerCase().includes(k))
        ?.condizione ?? null
    );
  };
  const add = (v: Omit<ViolazioneCertificato, 'tipoCertificato' | 'condizioneAnpr' | 'campo'> & Partial<ViolazioneCertificato>) =>
    out.push({ tipoCertificato: null, condizioneAnpr: null, campo: null, ...v });
  const tipi = r.tipi.map((t) => String(Number(t)));
  const primo = tipi[0] ?? '8';

  // ---- Types and combinations
  const visti = new Set<string>();
  for (const t of tipi) {
    if (!tabelle.tipi.has(t)) {
      add({ regola: 'tipo.sconosciuto', sezione: 'Sportello', tipoCertificato: t, campo: 'tipi', messaggio: `Il tipo di certificato ${t} non è nella Tabella 13 di ANPR.` });
    }
    if (visti.has(t)) {
      add({ regola: 'tipo.ripetuto', sezione: 'Sportello', tipoCertificato: t, campo: 'tipi', messaggio: `Il certificato ${desc(t)} è indicato due volte.` });
    }
    visti.add(t);
  }
  if (tipi.length > 1) {
    for (const t of tipi.filter((x) => SOLO_SINGOLO.has(x))) {
      add({
        regola: 'combinazione.solo-singolo',
        sezione: 'Combinazioni certificati su cumulativi',
        tipoCertificato: t,
        campo: 'tipi',
        messaggio: `Il certificato ${desc(t)} può essere richiesto solo singolarmente: toglierlo dal cumulativo ed emetterlo a parte.`,
        condizioneAnpr: csv(t, 'Combinazioni', 'altri certificati'),
      });
    }
    const fatte = new Set<string>();
    for (const [a, b] of COMBINAZIONI_VIETATE) {
      const key = [a, b].sort().join('+');
      if (!visti.has(a) || !visti.has(b) || fatte.has(key)) continue;
      fatte.add(key);
      add({
        regola: 'combinazione.vietata',
        sezione: 'Combinazioni certificati su cumulativi',
        tipoCertificato: a,
        campo: 'tipi',
        messaggio: `I certificati ${desc(a)} e ${desc(b)} non possono essere emessi nello stesso certificato cumulativo: emetterli separatamente.`,
        condizioneAnpr: csv(a, 'Combinazioni', '') ?? csv(b, 'Combinazioni', ''),
      });
    }
  }

  // ---- Requester
  const ric = r.richiedente;
  if (ric.tipo === 'pa') {
    if (!ric.ente) add({ regola: 'richiedente.pa-ente', sezione: 'Sportello', campo: 'richiedente.ente', messaggio: "Indicare l'amministrazione che richiede il certificato." });
    if (!ric.estremiRichiesta) {
      add({
        regola: 'richiedente.pa-estremi',
        sezione: 'Tipo richiedente PA',
        tipoCertificato: primo,
        campo: 'richiedente.estremiRichiesta',
        messaggio: "Se il richiedente è una pubblica amministrazione, gli estremi della sua richiesta (protocollo e data) sono obbligatori.",
        condizioneAnpr: csv(primo, 'Tipo richiedente PA', 'PA'),
      });
    }
    if (ric.estremiRichiesta && !ric.dataRichiesta) {
      add({ regola: 'richiedente.pa-data', sezione: 'Sportello', campo: 'richiedente.dataRichiesta', messaggio: 'Indicare la data della richiesta della pubblica amministrazione.' });
    }
  } else if (ric.tipo === 'altra_persona') {
    if (!ric.cognome || !ric.nome) {
      add({ regola: 'richiedente.generalita', sezione: 'Sportello', campo: 'richiedente.cognome', messaggio: 'Indicare cognome e nome della persona che richiede il certificato.' });
    }
    if (ric.codiceFiscale) {
      const esito = validaCodiceFiscale(ric.codiceFiscale);
      if (!esito.valido) {
        add({ regola: 'richiedente.cf', sezione: 'Sportello', campo: 'richiedente.codiceFiscale', messaggio: `Codice fiscale del richiedente non valido: ${esito.errori[0]?.messaggio ?? ''}`.trim() });
      }
    }
    if (Boolean(ric.documento) !== Boolean(ric.dataDocumento)) {
      add({ regola: 'richiedente.documento', sezione: 'Sportello', campo: 'richiedente.documento', messaggio: 'Del documento di riconoscimento del richiedente servono sia gli estremi sia la data di rilascio.' });
    }
    if (visti.has('19') && !ric.codiceFiscale) {
      add({
        regola: 'richiedente.convivenza-cf',
        sezione: 'Controlli specifici',
        tipoCertificato: '19',
        campo: 'richiedente.codiceFiscale',
        messaggio: 'Per il certificato di contratto di convivenza richiesto da un\'altra persona serve il codice fiscale del richiedente (deve essere uno dei conviventi).',
        condizioneAnpr: csv('19', 'Controlli specifici', 'richiesto da un soggetto diverso'),
      });
    }
  }

  // ---- Bollo, esenzione, diritti (section "Esenzione bolli")
  const b = r.bollo;
  const esenzione = String(Number(b.esenzione));
  const esente = esenzione !== '0';
  const voce = tabelle.esenzioni.get(esenzione);
  const descr = b.descrizioneEsenzione.trim();
  const bolli = (contiene: string) => csv(primo, 'Esenzione bolli', contiene);
  if (esente && !voce) {
    add({ regola: 'esenzione.codice', sezione: 'Sportello', campo: 'bollo.esenzione', messaggio: `Il motivo di esenzione ${esenzione} non è nella tabella ufficiale Esenzione bollo (Tabella 39).` });
  }
  if (esenzione === '99' && !descr) {
    add({
      regola: 'esenzione.99-descrizione',
      sezione: 'Esenzione bolli',
      campo: 'bollo.descrizioneEsenzione',
      messaggio: 'Con il motivo di esenzione 99 «Altro motivo di esenzione» la descrizione dell\'esenzione è obbligatoria.',
      condizioneAnpr: bolli('99 - Altro motivo'),
    });
  }
  if (descr.length > 256) {
    add({
      regola: 'esenzione.descrizione-lunga',
      sezione: 'Esenzione bolli',
      campo: 'bollo.descrizioneEsenzione',
      messaggio: `La descrizione dell'esenzione può avere al massimo 256 caratteri (ora ${descr.length}).`,
      condizioneAnpr: bolli('256'),
    });
  }
  if (esenzione === '99' && r.diritti.esenti && r.diritti.centesimi > 0) {
    add({
      regola: 'esenzione.99-diritti',
      sezione: 'Esenzione bolli',
      campo: 'diritti.centesimi',
      messaggio: `Con esenzione 99 ed esenzione dai diritti, l'importo dei diritti di segreteria deve essere 0 (indicato ${euro(r.diritti.centesimi)}).`,
      condizioneAnpr: bolli('esenzione diritti = 1'),
    });
  } else if (r.diritti.esenti && r.diritti.centesimi > 0) {
    add({ regola: 'diritti.esenti-importo', sezione: 'Sportello', campo: 'diritti.centesimi', messaggio: `Il certificato è esente dai diritti di segreteria: l'importo deve essere 0 (indicato ${euro(r.diritti.centesimi)}).` });
  }
  if ((r.paEstera === '2' || r.paEstera === '3') && !esente) {
    add({
      regola: 'esenzione.uso-obbligatoria',
      sezione: 'Esenzione bolli',
      campo: 'bollo.esenzione',
      messaggio:
        r.paEstera === '2'
          ? "Il certificato per procedimenti sull'immigrazione è esente da bollo: indicare il motivo di esenzione."
          : "Il certificato per cause giudiziarie (art. 40 DPR 445/2000) è esente da bollo: indicare il motivo di esenzione (ad esempio 3 «Processuale»).",
      condizioneAnpr: bolli('paEstera=2'),
    });
  }
  if (!r.diritti.esenti && r.diritti.centesimi === 0) {
    add({
      regola: 'diritti.zero',
      sezione: 'Esenzione bolli',
      campo: 'diritti.centesimi',
      messaggio: "I diritti di segreteria sono dovuti ma l'importo è 0: indicare l'importo oppure selezionare «Esente dai diritti».",
      condizioneAnpr: bolli('diritti segreteria è previsto'),
    });
  }
  if (!esente && b.centesimi === 0) {
    add({
      regola: 'bollo.zero',
      sezione: 'Esenzione bolli',
      campo: 'bollo.centesimi',
      messaggio: "Il certificato non è esente da bollo ma l'importo del bollo è 0,00 €: indicare l'importo (16,00 €) oppure il motivo di esenzione.",
      condizioneAnpr: bolli('importo bollo = 0'),
    });
  }
  if (esente && b.centesimi > 0) {
    add({ regola: 'bollo.esente-importo', sezione: 'Sportello', campo: 'bollo.centesimi', messaggio: `Con un motivo di esenzione il bollo non è dovuto: l'importo deve essere 0,00 € (indicato ${euro(b.centesimi)}).` });
  }
  if (esente && b.modalita !== '') {
    add({ regola: 'bollo.esente-modalita', sezione: 'Sportello', campo: 'bollo.modalita', messaggio: 'La modalità di assolvimento del bollo si indica solo quando il bollo è dovuto.' });
  }
  if (voce?.esenteDiritti && !r.diritti.esenti) {
    add({
      regola: 'esenzione.esente-diritti',
      sezione: 'Sportello',
      campo: 'diritti.esenti',
      messaggio: `Il motivo di esenzione ${esenzione} esenta anche dai diritti di segreteria (Tabella 39): selezionare «Esente dai diritti» con importo 0.`,
    });
  }

  // ---- The subject as just read from ANPR
  if (letto) {
    const s = letto.soggetto;
    for (const t of visti) {
      const specifico = (contiene: string) => csv(t, 'Controlli specifici', contiene);
      if (s.condizione === 'deceduto' && t !== '2') {
        const c = csv(t, 'Soggetto cancellato', 'decesso') ?? specifico('decesso');
        if (c) add({ regola: 'soggetto.deceduto', sezione: 'Soggetto cancellato', tipoCertificato: t, condizioneAnpr: c, campo: 'tipi', messaggio: `Il soggetto risulta deceduto: il certificato ${desc(t)} non può essere emesso.` });
      }
      if (s.condizione === 'cancellato' && t !== '4') {
        const c = csv(t, 'Soggetto cancellato', 'cancellato anagraficamente');
        if (c) add({ regola: 'soggetto.cancellato', sezione: 'Soggetto cancellato', tipoCertificato: t, condizioneAnpr: c, campo: 'tipi', messaggio: `Il soggetto risulta cancellato dall'anagrafe: il certificato ${desc(t)} non può essere emesso.` });
      }
      if (t === '2' && s.condizione !== 'deceduto') {
        add({ regola: 'soggetto.non-deceduto', sezione: 'Controlli specifici', tipoCertificato: t, campo: 'tipi', condizioneAnpr: specifico('non è cancellato per decesso'), messaggio: 'Il certificato anagrafico di morte si emette solo per un soggetto deceduto.' });
      }
      if (t === '4' && s.condizione === 'residente') {
        add({ regola: 'soggetto.non-cancellato', sezione: 'Controlli specifici', tipoCertificato: t, campo: 'tipi', condizioneAnpr: specifico('cancellazione è assente'), messaggio: 'Il certificato di cancellazione anagrafica si emette solo per un soggetto cancellato.' });
      }
      if (FAMIGLIA.has(t) && s.condizione === 'residente') {
        const f = letto.famiglia;
        if (!f) {
          add({ regola: 'famiglia.assente', sezione: 'Controlli specifici', tipoCertificato: t, campo: 'tipi', condizioneAnpr: specifico('non è associato ad una famiglia'), messaggio: `Il soggetto non risulta in una famiglia anagrafica: il certificato ${desc(t)} non può essere emesso.` });
        } else if (f.tipo === 'convivenza') {
          add({ regola: 'famiglia.convivenza', sezione: 'Controlli specifici', tipoCertificato: t, campo: 'tipi', condizioneAnpr: specifico('convivenza'), messaggio: `Il soggetto appartiene a una convivenza: per lui si emette il certificato di residenza in convivenza, non ${desc(t)}.` });
        } else {
          if (!f.componenti.some((m) => /intestatario/i.test(m.relazione ?? ''))) {
            add({ regola: 'famiglia.senza-intestatario', sezione: 'Controlli specifici', tipoCertificato: t, campo: 'tipi', condizioneAnpr: specifico('priva di intestatario'), messaggio: `La famiglia del soggetto non ha un intestatario: il certificato ${desc(t)} non può essere emesso finché la scheda di famiglia non è regolarizzata.` });
          }
          if ((t === '13' || t === '16') && f.componenti.length === 1) {
            add({ regola: 'famiglia.un-solo-componente', sezione: 'Controlli specifici', tipoCertificato: t, campo: 'tipi', condizioneAnpr: specifico('soltanto un soggetto'), messaggio: `La famiglia è composta dal solo intestatario: il certificato ${desc(t)} non può essere emesso (usare lo stato di famiglia).` });
          }
        }
      }
      if (['3', '11', '17', '18'].includes(t) && s.condizione === 'residente' && !s.statoCivile) {
        const c = specifico('stato civile non è indicato') ?? specifico('mancano i dati sullo stato civile') ?? specifico('stato civile è mancante') ?? specifico('stato civile');
        add({ regola: 'soggetto.stato-civile-assente', sezione: 'Controlli specifici', tipoCertificato: t, campo: 'tipi', condizioneAnpr: c, messaggio: `In ANPR non risulta lo stato civile del soggetto: il certificato ${desc(t)} non può essere emesso.` });
      }
      if ((t === '5' || t === '6') && s.condizione === 'residente' && s.cittadinanze.length === 0) {
        add({ regola: 'soggetto.cittadinanza-assente', sezione: 'Controlli specifici', tipoCertificato: t, campo: 'tipi', condizioneAnpr: specifico('integralmente assenti'), messaggio: `In ANPR non risultano dati di cittadinanza del soggetto: il certificato ${desc(t)} non può essere emesso.` });
      }
    }
  }
  return out;
}
