/**
 * From ANPR's parsed 3002 answer to what the clerk sees: codes decoded with
 * the official tables, one-line places and addresses, ISO dates. Documents
 * and the spouse are read from the raw answer (the shared parser does not
 * extract them).
 */
import type { Risposta3002Parsed, Soggetto3002, GeneralitaParsed, LuogoParsed, GenitoreParsed } from '../../anpr/services/parse-response';
import { childByLocalName, childrenByLocalName, childText, allByLocalName, parseXmlSafely, type Element } from '../../anpr/xml/safe';
import { getAnprTables } from '../../platform/tabelle/loader';
import type { DettaglioSoggetto, SchedaFamiglia, SoggettoSintesi } from '../../../shared/ipc/domains/ricerca';

const VALIDITA_CF: Record<string, string> = {
  '1': "Validato dall'Agenzia delle Entrate",
  '9': "Non validato dall'Agenzia delle Entrate",
};

function decodifica(tabella: string, codice: string | undefined): string | null {
  if (!codice) return null;
  try {
    return getAnprTables().decodifica(tabella, codice) ?? `Codice ${codice}`;
  } catch {
    return `Codice ${codice}`;
  }
}

export function luogo(l: LuogoParsed | undefined): string | null {
  if (!l) return null;
  if (l.comune?.nomeComune) return `${l.comune.nomeComune}${l.comune.siglaProvinciaIstat ? ` (${l.comune.siglaProvinciaIstat})` : ''}`;
  if (l.localita) return [l.localita.descrizioneLocalita, l.localita.descrizioneStato].filter(Boolean).join(', ') || null;
  return l.luogoEccezionale ?? null;
}

function data(iso: string | undefined): string | null {
  return iso ? iso.slice(0, 10) : null;
}

function persona(g: GeneralitaParsed | undefined): { descrizione: string; codiceFiscale: string | null } | null {
  if (!g || (!g.cognome && !g.nome)) return null;
  return { descrizione: [g.cognome, g.nome].filter(Boolean).join(' '), codiceFiscale: g.codiceFiscale ?? null };
}

function genitore(g: GenitoreParsed | undefined) {
  return persona(g?.generalita);
}

export function sintesi(s: Soggetto3002): SoggettoSintesi {
  const g = s.generalita;
  return {
    idSchedaSoggettoANPR: g.idSchedaSoggettoANPR ?? '',
    idANPR: s.idANPR ?? null,
    codiceFiscale: g.codiceFiscale ?? null,
    cognome: g.cognome ?? '',
    nome: g.nome ?? '',
    sesso: g.sesso ?? null,
    dataNascita: data(g.dataNascita),
    luogoNascita: luogo(g.luogoNascita),
    residenza: s.residenza.find((r) => !r.tipoIndirizzo || r.tipoIndirizzo === '1')?.testo || s.residenza[0]?.testo || null,
    condizione: s.datiDecesso ? 'deceduto' : s.datiCancellazione ? 'cancellato' : 'residente',
  };
}

/** Documents, spouse and civil-union partner of each `datiSoggetto`, in answer order, from the raw XML. */
export interface ExtraSoggetto {
  documenti: DettaglioSoggetto['documenti'];
  coniuge: DettaglioSoggetto['coniuge'];
  dataMatrimonio: string | null;
  unitoCivilmente: DettaglioSoggetto['unitoCivilmente'];
  dataUnione: string | null;
}

function personaXml(g: Element | undefined): DettaglioSoggetto['coniuge'] {
  if (!g) return null;
  const cfEl = childByLocalName(g, 'codiceFiscale');
  return {
    descrizione: [childText(g, 'cognome'), childText(g, 'nome')].filter(Boolean).join(' '),
    codiceFiscale: (cfEl && (childText(cfEl, 'codFiscale') ?? cfEl.textContent?.trim())) || null,
  };
}

export function extraDaRisposta(xml: string | undefined): ExtraSoggetto[] {
  if (!xml) return [];
  try {
    const doc = parseXmlSafely(xml);
    const lista = allByLocalName(doc as unknown as Element, 'listaSoggetti')[0];
    return childrenByLocalName(lista, 'datiSoggetto').map((el) => {
      const documenti: DettaglioSoggetto['documenti'] = [];
      for (const ci of childrenByLocalName(el, 'cartaIdentita')) {
        documenti.push({
          tipo: childText(ci, 'cartaceaElettronica') === '2' ? "Carta d'identità elettronica" : "Carta d'identità",
          numero: childText(ci, 'numero') ?? null,
          rilascio: data(childText(ci, 'dataRilascio')),
          scadenza: data(childText(ci, 'dataScadenza')),
        });
      }
      for (const ps of childrenByLocalName(el, 'permessoSoggiorno')) {
        documenti.push({
          tipo: 'Permesso di soggiorno',
          numero: childText(ps, 'numeroSoggiorno') ?? null,
          rilascio: data(childText(ps, 'dataRilascio')),
          scadenza: data(childText(ps, 'dataScadenza')),
        });
      }
      const matrimonio = childByLocalName(el, 'matrimonio');
      const unione = childByLocalName(el, 'unioneCivile');
      return {
        documenti,
        coniuge: personaXml(childByLocalName(matrimonio, 'coniuge')),
        dataMatrimonio: data(childText(childByLocalName(matrimonio, 'datiMatrimonio'), 'dataEvento')),
        unitoCivilmente: personaXml(childByLocalName(unione, 'unitoCivilmente')),
        dataUnione: data(childText(childByLocalName(unione, 'attoUnione'), 'dataEvento')),
      };
    });
  } catch {
    return [];
  }
}

export function dettaglio(s: Soggetto3002, extra: ExtraSoggetto | undefined): DettaglioSoggetto {
  const fam = s.famiglia;
  const residenza = s.residenza.find((r) => !r.tipoIndirizzo || r.tipoIndirizzo === '1') ?? s.residenza[0];
  const tabellaLegame = fam?.legame?.tipoLegame === '4' ? 'legame_convivenza' : 'relazione_parentela';
  return {
    ...sintesi(s),
    validitaCodiceFiscale: s.generalita.validitaCF ? (VALIDITA_CF[s.generalita.validitaCF] ?? `Codice ${s.generalita.validitaCF}`) : null,
    cittadinanze: s.cittadinanza.map((c) => ({ codiceStato: c.codiceStato ?? null, descrizione: c.descrizioneStato ?? `Stato ${c.codiceStato ?? ''}`.trim() })),
    statoCivile: decodifica('stato_civile', s.statoCivile?.statoCivile),
    coniuge: extra?.coniuge ?? null,
    dataMatrimonio: extra?.dataMatrimonio ?? null,
    unitoCivilmente: extra?.unitoCivilmente ?? null,
    dataUnione: extra?.dataUnione ?? null,
    residenzaDal: data(residenza?.dataDecorrenzaResidenza),
    paternita: genitore(s.paternita),
    maternita: genitore(s.maternita),
    famiglia: fam
      ? {
          idFamigliaANPR: fam.famigliaConvivenza?.idFamigliaConvivenzaANPR ?? null,
          relazione: decodifica(tabellaLegame, fam.legame?.codiceLegame),
          progressivo: fam.legame?.progressivoComponente ?? null,
          dal: data(fam.legame?.dataDecorrenza),
        }
      : null,
    documenti: extra?.documenti ?? [],
    decesso: s.datiDecesso ? { data: data(s.datiDecesso.dataEvento), luogo: luogo(s.datiDecesso.luogoEvento) } : null,
    cancellazione: s.datiCancellazione
      ? { data: data(s.datiCancellazione.dataCancellazione), motivo: decodifica('motivi_cancellazione', s.datiCancellazione.motivoCancellazione) }
      : null,
    anomalie: s.erroriAnomalie.map((e) => ({ codice: e.codice, tipo: e.tipo, testo: e.testo })),
  };
}

/** The family/convivenza of a 3002 answer requested with schedaAnagraficaRichiesta 2. */
export function schedaFamiglia(r: Risposta3002Parsed): SchedaFamiglia | null {
  const f = r.datiFamigliaConvivenza?.famigliaConvivenza;
  if (!f) return null;
  const convivenza = f.tipoScheda === '2' || !!f.specieConvivenza;
  const componenti = r.soggetti
    .filter((s) => s.famiglia?.famigliaConvivenza?.idFamigliaConvivenzaANPR === f.idFamigliaConvivenzaANPR || !s.famiglia?.famigliaConvivenza)
    .map((s) => {
      const g = s.generalita;
      return {
        idSchedaSoggettoANPR: g.idSchedaSoggettoANPR ?? '',
        codiceFiscale: g.codiceFiscale ?? null,
        cognome: g.cognome ?? '',
        nome: g.nome ?? '',
        sesso: g.sesso ?? null,
        dataNascita: data(g.dataNascita),
        relazione: decodifica(s.famiglia?.legame?.tipoLegame === '4' ? 'legame_convivenza' : 'relazione_parentela', s.famiglia?.legame?.codiceLegame),
        progressivo: s.famiglia?.legame?.progressivoComponente ?? null,
      };
    })
    .sort((a, b) => Number(a.progressivo ?? 99) - Number(b.progressivo ?? 99));
  return {
    tipo: convivenza ? 'convivenza' : 'famiglia',
    idFamigliaANPR: f.idFamigliaConvivenzaANPR ?? null,
    idFamigliaComune: f.idFamigliaConvivenzaComune?.idFamigliaConvivenza ?? null,
    denominazione: f.denominazioneConvivenza ?? null,
    specie: convivenza ? decodifica('specie_convivenza', f.specieConvivenza) : null,
    dataOrigine: data(f.dataOrigineFamigliaConvivenza),
    motivoCostituzione: convivenza ? null : decodifica('motivo_costituzione_famiglia', f.motivoCostituzione),
    indirizzo: r.datiFamigliaConvivenza?.residenza?.testo || null,
    componenti,
  };
}
