/**
 * State → response XML fragments, in the XSD sequence order of
 * tipoDatiRispostaEstrazioneSoggetti (3002) and tipoDatiSoggettiRisposta
 * (Risposta_Comune). Reuses the request-side writers for the shared types.
 */
import { createHash } from 'node:crypto';
import { wCittadinanza, wFamigliaConvivenza, wGeneralita, wResidenza, wStatoCivile, wUnioneCivile } from '../../shared/anpr/servizi/elementi';
import type { FamigliaConvivenza, Generalita, Residenza } from '../anpr/services/types';
import { el, leaf, type XmlChild, type XmlElement } from '../../shared/xml/writer';
import { erroreElement } from './soap';
import type { PersonaSim, SchedaSim, SimStore } from './state/store';

/** Deterministic ID ANPR (identificativo unico nazionale, 2 letters + 5 digits + 2 letters). */
export function idAnpr(p: PersonaSim): string {
  const h = createHash('sha256').update(`idANPR:${p.idSchedaSoggettoANPR}`).digest();
  const L = 'ABCDEFGHJKLMNPRSTUVWXYZ';
  const letter = (i: number): string => L[h[i]! % L.length]!;
  const digits = String(h.readUInt32BE(4) % 100000).padStart(5, '0');
  return `${letter(0)}${letter(1)}${digits}${letter(2)}${letter(3)}`;
}

export function generalitaOf(p: PersonaSim): Generalita {
  const l = p.luogoNascita;
  return {
    codiceFiscale: { codFiscale: p.codiceFiscale, validitaCF: p.validitaCF },
    cognome: p.cognome,
    nome: p.nome,
    sesso: p.sesso,
    dataNascita: p.dataNascita,
    luogoNascita:
      l.tipo === 'comune'
        ? { comune: { nomeComune: l.nomeComune, codiceIstat: l.codiceIstat, siglaProvinciaIstat: l.siglaProvincia } }
        : { localita: { descrizioneStato: l.descrizioneStato, codiceStato: l.codiceStato } },
    idSchedaSoggettoComune: { idSchedaSoggettoComuneIstat: p.comuneIstat, idSchedaSoggetto: p.idSchedaSoggettoComune },
    idSchedaSoggettoANPR: p.idSchedaSoggettoANPR,
  };
}

export function residenzaOf(store: SimStore, p: PersonaSim): Residenza | undefined {
  const i = store.getIndirizzo(p.indirizzoId);
  if (!i) return undefined;
  return {
    tipoIndirizzo: i.tipoIndirizzo || '1',
    indirizzo: {
      cap: i.cap ?? '00000',
      comune: { nomeComune: i.comune.nomeComune, codiceIstat: i.comune.codiceIstat, siglaProvinciaIstat: i.comune.siglaProvincia },
      toponimo: { codSpecie: i.toponimo.codSpecie, specie: i.toponimo.specie, denominazioneToponimo: i.toponimo.denominazioneToponimo },
      numeroCivico: {
        numero: i.numeroCivico.numero,
        ...(i.numeroCivico.lettera ? { lettera: i.numeroCivico.lettera } : {}),
        ...(i.numeroCivico.esponente1 ? { esponente1: i.numeroCivico.esponente1 } : {}),
        ...(i.numeroCivico.civicoInterno || i.numeroCivico.scala || i.numeroCivico.piano
          ? {
              civicoInterno: {
                ...(i.numeroCivico.scala ? { scala: i.numeroCivico.scala } : {}),
                ...(i.numeroCivico.civicoInterno ? { interno1: i.numeroCivico.civicoInterno } : {}),
                ...(i.numeroCivico.piano ? { piano: i.numeroCivico.piano } : {}),
              },
            }
          : {}),
      },
    },
    dataDecorrenzaResidenza: p.dataDecorrenzaResidenza,
  };
}

export function famigliaOf(s: SchedaSim): FamigliaConvivenza {
  return {
    idFamigliaConvivenzaComune: { idFamigliaConvivenzaComuneIstat: s.comuneIstat, idFamigliaConvivenza: s.idFamigliaConvivenzaComune },
    idFamigliaConvivenzaANPR: s.idFamigliaConvivenzaANPR,
    dataOrigineFamigliaConvivenza: s.dataOrigine,
    ...(s.tipo === 'famiglia' && s.motivoCostituzione ? { motivoCostituzione: s.motivoCostituzione } : {}),
    ...(s.tipo === 'convivenza' ? { denominazioneConvivenza: s.denominazione, specieConvivenza: s.specieConvivenza } : {}),
    tipoScheda: s.tipo === 'famiglia' ? '1' : '2',
  };
}

function statoCivileOf(p: PersonaSim): XmlChild {
  return wStatoCivile('statoCivile', { statoCivile: p.statoCivile.codice });
}

function cittadinanzeOf(p: PersonaSim): XmlChild[] {
  return p.cittadinanze.map((c) => wCittadinanza('cittadinanza', { descrizioneStato: c.descrizioneStato, codiceStato: c.codiceStato }));
}

function genitore(store: SimStore, name: string, id: string | null): XmlChild {
  if (!id) return undefined;
  const g = store.getPersona(id);
  return g ? el(name, wGeneralita('generalita', generalitaOf(g))) : undefined;
}

function matrimonio(store: SimStore, p: PersonaSim): XmlChild {
  if (p.statoCivile.codice !== '2' || !p.statoCivile.coniugeId) return undefined;
  const c = store.getPersona(p.statoCivile.coniugeId);
  if (!c) return undefined;
  return el(
    'matrimonio',
    wGeneralita('coniuge', generalitaOf(c)),
    p.statoCivile.dataEvento ? el('datiMatrimonio', leaf('dataEvento', p.statoCivile.dataEvento)) : undefined,
  );
}

/** The current civil union (Tabella 1 code 6) with the partner, when the partner is in the population. */
function unioneCivile(store: SimStore, p: PersonaSim): XmlChild {
  if (p.statoCivile.codice !== '6' || !p.statoCivile.coniugeId) return undefined;
  const c = store.getPersona(p.statoCivile.coniugeId);
  if (!c) return undefined;
  return wUnioneCivile('unioneCivile', {
    unitoCivilmente: generalitaOf(c),
    attoUnione: p.statoCivile.dataEvento ? { dataEvento: p.statoCivile.dataEvento } : undefined,
  });
}

function legame(p: PersonaSim, completo: boolean): XmlElement {
  return el(
    'legameSoggetto',
    leaf('tipoLegame', p.legame.tipoLegame),
    leaf('dataDecorrenza', p.legame.dataDecorrenza),
    leaf('codiceLegame', p.legame.codiceLegame),
    leaf('progressivoComponente', p.legame.progressivoComponente),
    completo ? leaf('dataDecorrenzaLegame', p.legame.dataDecorrenza) : undefined,
  );
}

function cancellazione(p: PersonaSim): XmlChild {
  if (!p.datiCancellazione) return undefined;
  return el(
    'datiCancellazione',
    leaf('motivoCancellazione', p.datiCancellazione.motivo),
    leaf('notecancellazione', p.datiCancellazione.note),
    leaf('dataDecorrenzaCancellazione', p.datiCancellazione.data),
  );
}

function decesso(p: PersonaSim): XmlChild {
  return p.datiDecesso ? el('datiDecesso', leaf('dataEvento', p.datiDecesso.data)) : undefined;
}

/** `datiSoggetto` of Risposta3002_OK, including the subject's open anomalies. */
export function datiSoggetto3002(store: SimStore, p: PersonaSim): XmlElement {
  const scheda = store.getScheda(p.legame.idFamigliaConvivenzaANPR);
  return el(
    'datiSoggetto',
    el('identificativi', leaf('idANPR', idAnpr(p))),
    wGeneralita('generalita', generalitaOf(p)),
    statoCivileOf(p),
    el('attributiSoggetto', leaf('soggettoCertificabile', p.stato === 'residente' ? '1' : '0')),
    cittadinanzeOf(p),
    genitore(store, 'paternita', p.padreId),
    genitore(store, 'maternita', p.madreId),
    p.stato === 'residente' ? wResidenza('residenza', residenzaOf(store, p)) : undefined,
    matrimonio(store, p),
    unioneCivile(store, p),
    p.stato === 'residente' ? legame(p, true) : undefined,
    p.stato === 'residente' && scheda ? wFamigliaConvivenza('famigliaConvivenza', famigliaOf(scheda)) : undefined,
    cancellazione(p),
    decesso(p),
    p.anomalie.map((a) => erroreElement('erroriAnomalie', { codice: a.codice, tipo: a.tipo, testo: a.testo })),
  );
}

/** `datiSoggetto` of Risposta_Comune/listaSoggettiVariati: the new state of a changed subject. */
export function datiSoggettoVariato(store: SimStore, p: PersonaSim, precedente?: PersonaSim): XmlElement {
  const scheda = store.getScheda(p.legame.idFamigliaConvivenzaANPR);
  const prevScheda = precedente && precedente.legame.idFamigliaConvivenzaANPR !== p.legame.idFamigliaConvivenzaANPR ? store.getScheda(precedente.legame.idFamigliaConvivenzaANPR) : undefined;
  const cambiate = precedente && (precedente.cognome !== p.cognome || precedente.nome !== p.nome || precedente.codiceFiscale !== p.codiceFiscale);
  return el(
    'datiSoggetto',
    el('identificativi', leaf('idANPR', idAnpr(p))),
    cambiate ? wGeneralita('generalitaPrecedenti', generalitaOf(precedente)) : undefined,
    prevScheda ? wFamigliaConvivenza('famigliaConvivenzaPrecedente', famigliaOf(prevScheda)) : undefined,
    wGeneralita('generalitaAttuali', generalitaOf(p)),
    statoCivileOf(p),
    cittadinanzeOf(p),
    p.stato === 'residente' ? wResidenza('residenza', residenzaOf(store, p)) : undefined,
    matrimonio(store, p),
    unioneCivile(store, p),
    p.stato === 'residente' ? legame(p, false) : undefined,
    p.stato === 'residente' && scheda ? wFamigliaConvivenza('famigliaConvivenza', famigliaOf(scheda)) : undefined,
    cancellazione(p),
    decesso(p),
  );
}
