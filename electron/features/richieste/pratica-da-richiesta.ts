/**
 * From a citizen's online request to the pratica it asks for (issue 15): which
 * service and form variant, and the form's values pre-filled from P002 for the
 * clerk to check. Pure: no database, no ANPR.
 *
 * - residence declaration (2) of a family ANPR names: 5005, the family moves to
 *   the declared address;
 * - residence declaration naming no family of the comune: 5005 from another
 *   comune (variant `altro-comune`), the declarant and the members named;
 * - transfer to Italy of an EU citizen (4): 1002, iscrizione from abroad;
 * - data correction (1): 5008, the subject and, for a name or surname, the
 *   corrected generalità.
 * Where only the family changes (5001) the request does not say so in a field
 * the comune can read: the clerk starts the 5001 from the person sheet.
 */
import { VARIANTE_ALTRO_COMUNE } from '../../../shared/anpr/moduli/m5005altroComune';
import { LOGICHE_MODULO } from '../../../shared/anpr/moduli';
import { indirizzoVuoto, type IndirizzoValori } from '../../../shared/anpr/moduli/indirizzo';
import { dataIt, soggettoVuoto } from '../../../shared/anpr/moduli/regole';
import { giornoRoma } from '../../../shared/domain/date-it';
import type { ContestoModulo } from '../../../shared/anpr/moduli/tipi';
import { TITOLI_SERVIZIO, type ServizioPratica } from '../../../shared/anpr/servizi';
import type { DettaglioRichiestaParsed, RichiestaCittadinoSintesi, XmlOggetto } from '../../anpr/services/parse-response';

/** Which pratica a request asks for (cheap: no table lookups). */
export interface ServizioProposto {
  servizio: ServizioPratica;
  variante: string | null;
  titolo: string;
}

/** The draft, pre-filled from P002: form values of that service's form (shared/anpr/moduli/m<CODE>.ts). */
export interface PropostaPratica extends ServizioProposto {
  valoriModulo: Record<string, unknown>;
  /** Payload the form's `versoPayload` makes of those values (the lists name the subject from it). */
  payload: Record<string, unknown>;
  /** The pratica's columns the form derives from its values (as `pratiche.salvaBozza` would get them). */
  dataDecorrenza: string | null;
  soggettoKey: string | null;
  /** The day the citizen filed it (yyyy-mm-dd, Rome): a residence declaration's protocol date, from which its deadlines run. */
  dataDichiarazione: string;
  avviataPer: string | null;
}

const testo = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');
const ogg = (v: unknown): XmlOggetto | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as XmlOggetto) : undefined);

/** The family the request is about: P001's idFamigliaConvivenzaANPR, else P002's famigliaConvivenza block. */
export function famigliaDi(d: DettaglioRichiestaParsed, p001?: RichiestaCittadinoSintesi): string {
  return testo(p001?.idFamigliaConvivenzaANPR) || testo(d.famigliaConvivenza?.['idFamigliaConvivenzaANPR']);
}

export function servizioProposto(d: DettaglioRichiestaParsed, p001?: RichiestaCittadinoSintesi): ServizioProposto | null {
  const con = (servizio: ServizioPratica, variante: string | null, titolo: string = TITOLI_SERVIZIO[servizio]) => ({ servizio, variante, titolo });
  if (d.idTipologia === '2') return famigliaDi(d, p001) ? con('5005', null) : con('5005', VARIANTE_ALTRO_COMUNE, 'Cambio di residenza da altro comune');
  if (d.idTipologia === '4') return con('1002', null);
  if (d.idTipologia === '1') return con('5008', null);
  return null;
}

/** P002's declared address (tipoIndirizzo of P000: cap, comune, toponimo, civico, scala, piano, interno) as form values. */
export function indirizzoDaRichiesta(i: XmlOggetto | undefined): IndirizzoValori {
  if (!i) return indirizzoVuoto();
  const top = ogg(i['toponimo']);
  const comune = ogg(i['comune']);
  const civico = testo(i['civico']) || testo(i['numeroCivico']);
  const [numero = '', lettera = testo(i['esponente1'])] = civico.split('/');
  return indirizzoVuoto({
    nomeComune: testo(comune?.['nomeComune']),
    codiceIstat: testo(comune?.['codiceIstat']),
    siglaProvincia: testo(comune?.['siglaProvinciaIstat']),
    cap: testo(i['cap']),
    specie: testo(top?.['specie']) || 'VIA',
    denominazione: testo(top?.['denominazioneToponimo']),
    numero: numero.trim(),
    lettera: lettera.trim(),
    scala: testo(i['scala']),
    piano: testo(i['piano']),
    interno: testo(i['interno']),
  });
}

/** Fills the declared address's missing comune with the comune's own (a declaration inside the comune omits it). */
function conComune(i: IndirizzoValori, comune: { codiceIstat: string; nome?: string; sigla?: string }): IndirizzoValori {
  if (i.codiceIstat) return i;
  return { ...i, codiceIstat: comune.codiceIstat, nomeComune: i.nomeComune || comune.nome || '', siglaProvincia: i.siglaProvincia || comune.sigla || '' };
}

export interface ContestoProposta {
  comune: { codiceIstat: string; nome?: string; sigla?: string };
  p001?: RichiestaCittadinoSintesi;
}

export function propostaPratica(d: DettaglioRichiestaParsed, ctx: ContestoProposta): PropostaPratica | null {
  const s = servizioProposto(d, ctx.p001);
  if (!s) return null;
  const logica = LOGICHE_MODULO.find((l) => l.servizio === s.servizio && (l.variante ?? null) === s.variante);
  if (!logica) return null;
  const g = d.interessato ?? d.richiedente;
  const idScheda = testo(g?.idSchedaSoggettoANPR) || testo(ctx.p001?.idSchedaSoggettoInteressato) || testo(ctx.p001?.idSchedaSoggettoRichiedente);
  const contesto: ContestoModulo = {
    soggetto: {
      ...(idScheda ? { idSchedaSoggettoANPR: idScheda } : {}),
      ...(g?.codiceFiscale ? { codiceFiscale: g.codiceFiscale } : {}),
      ...(g?.cognome ? { cognome: g.cognome } : {}),
      ...(g?.nome ? { nome: g.nome } : {}),
      ...(g?.dataNascita ? { dataNascita: g.dataNascita } : {}),
      ...(famigliaDi(d, ctx.p001) ? { idFamigliaConvivenzaANPR: famigliaDi(d, ctx.p001) } : {}),
    },
  };
  const valori = logica.valoriIniziali(contesto) as Record<string, unknown>;
  // A change of residence runs from the day of the declaration (art. 18 DPR 223/1989).
  const dataDichiarazione = giornoRoma(new Date(d.dataApertura));
  if (s.servizio !== '5008') valori['dataDecorrenza'] = dataIt(dataDichiarazione);
  const indirizzo = conComune(indirizzoDaRichiesta(d.indirizzoDichiarato), ctx.comune);
  if (s.servizio === '5005') {
    valori['indirizzo'] = indirizzo;
    if (s.variante === VARIANTE_ALTRO_COMUNE) {
      // Who arrives: the members the citizen named, the declarant first as intestatario.
      const persone = d.componenti.map((c, i) => ({
        soggetto: soggettoVuoto({ idSchedaSoggettoANPR: testo(c.idSchedaSoggettoANPR), codiceFiscale: testo(c.codiceFiscale), cognome: testo(c.cognome), nome: testo(c.nome) }),
        codiceLegame: i === 0 ? '1' : testo(c.idGradoParentela),
      }));
      if (persone.length) valori['persone'] = persone;
    }
  } else if (s.servizio === '1002') {
    valori['residenza'] = indirizzo;
  } else if (s.servizio === '5008') {
    // A name or surname to correct: the corrected generalità (Tabella 36: 1 dati anagrafici / codice fiscale).
    const rettifiche = righeRettifica(d.datiSpecifici?.dati);
    const generalita = rettifiche.filter((r) => ['nome', 'cognome'].includes(testo(r['idDatoAnagrafico']).toLowerCase()));
    if (generalita.length) {
      valori['tipoMutazione'] = '1';
      const nuovo = (campo: string, attuale: string) => testo(generalita.find((r) => testo(r['idDatoAnagrafico']).toLowerCase() === campo)?.['valoreRichiesto']) || attuale;
      valori['generalita'] = {
        codiceFiscale: testo(g?.codiceFiscale),
        cognome: nuovo('cognome', testo(g?.cognome)),
        nome: nuovo('nome', testo(g?.nome)),
        sesso: g?.sesso === 'M' || g?.sesso === 'F' ? g.sesso : '',
        dataNascita: dataIt(g?.dataNascita),
        gestioneCF: '',
      };
    }
  }
  let payload: Record<string, unknown> = {};
  try {
    payload = logica.versoPayload(valori as never) as Record<string, unknown>;
  } catch {
    // Values the clerk must still complete: the form's checks will say what is missing.
  }
  const nome = [g?.cognome, g?.nome].filter(Boolean).join(' ').trim();
  return {
    ...s,
    valoriModulo: valori,
    payload,
    dataDecorrenza: logica.dataDecorrenza?.(valori as never) ?? null,
    soggettoKey: logica.chiaveSoggetto?.(valori as never) ?? null,
    dataDichiarazione,
    avviataPer: nome || null,
  };
}

/** The rows of datiRettifica (rettificheRichieste/infoRettifica, one or many): every block naming an idDatoAnagrafico. */
function righeRettifica(v: unknown): XmlOggetto[] {
  if (Array.isArray(v)) return v.flatMap(righeRettifica);
  const o = ogg(v);
  if (!o) return [];
  if (typeof o['idDatoAnagrafico'] === 'string') return [o];
  return Object.values(o).flatMap(righeRettifica);
}
