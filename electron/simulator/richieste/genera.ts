/**
 * A deterministic stream of citizens' online requests for the synthetic
 * population: every type (1 rettifica dati, 2 dichiarazione di residenza,
 * 4 trasferimento in Italia di un cittadino UE, 5 iscrizione elettorale di un
 * cittadino UE, 6 rettifica dati elettorali), "arriving over time": each has an
 * arrival instant spread over the days before and after the population's
 * reference date, and P001/P002/P003 see it only once the clock has passed it.
 * Same seed and population → same requests.
 */
import { TIPOLOGIE_RICHIESTA, type TipologiaRichiesta } from '../../../shared/anpr/servizi/P001';
import { createRng, type Rng } from '../population/prng';
import type { PersonaSim, RichiestaSim, SimStore } from '../state/store';
import { APERTA, GIORNI, STATI_FINALI } from '../../../shared/anpr/richieste/stati';

/** Requests of each type generated per comune. */
export const RICHIESTE_PER_TIPO = 3;
/** Arrivals spread over [reference − GIORNI_PRIMA, reference + GIORNI_DOPO] days. */
export const GIORNI_PRIMA = 10;
export const GIORNI_DOPO = 10;
/** First codiceRichiesta (ANPR's are 8 digits, e.g. 28833517 in anpr#4386). */
const PRIMO_CODICE = 30_000_001n;
export const OPERATORE_PORTALE = 'PORTALE ANPR';

const DAY = 86_400_000;

/** `giorni` working days (Monday–Friday) after `da`. */
export function piuGiorniLavorativi(da: Date, giorni: number): Date {
  const d = new Date(da.getTime());
  let n = giorni;
  while (n > 0) {
    d.setTime(d.getTime() + DAY);
    const g = d.getUTCDay();
    if (g !== 0 && g !== 6) n--;
  }
  return d;
}

/** The deadline of a request in its current state (see GIORNI). */
export function scadenzaDi(r: Pick<RichiestaSim, 'tipologia' | 'arrivo' | 'storico' | 'numeroProroghe'>): string {
  const arrivo = new Date(r.arrivo);
  const stato = r.storico[r.storico.length - 1]?.idStato ?? APERTA;
  if (r.tipologia === '2' || r.tipologia === '4') {
    if (stato === APERTA) return piuGiorniLavorativi(arrivo, GIORNI.presaInCarico).toISOString();
    return new Date(arrivo.getTime() + GIORNI.conclusioneResidenza * DAY).toISOString();
  }
  return new Date(arrivo.getTime() + (GIORNI.rettifica + r.numeroProroghe * GIORNI.proroga) * DAY).toISOString();
}

/** Open, and its deadline past or within GIORNI.avvisoScadenza days. */
export function inScadenza(r: RichiestaSim, now: Date): boolean {
  const stato = r.storico[r.storico.length - 1]?.idStato ?? APERTA;
  if ((STATI_FINALI as readonly string[]).includes(stato)) return false;
  return new Date(r.scadenza).getTime() <= now.getTime() + GIORNI.avvisoScadenza * DAY;
}

const SPECIE = [
  ['54', 'VIA', 'GIUSEPPE GARIBALDI'],
  ['54', 'VIA', 'DEI MILLE'],
  ['39', 'PIAZZA', 'DELLA REPUBBLICA'],
  ['80', 'VIALE', 'EUROPA'],
] as const;
const STATI_UE = [
  ['215', 'FRANCIA', 'PARIGI', '12 RUE DE RIVOLI'],
  ['216', 'GERMANIA', 'BERLINO', 'UNTER DEN LINDEN 5'],
  ['239', 'SPAGNA', 'MADRID', 'CALLE MAYOR 8'],
  ['235', 'ROMANIA', 'BUCAREST', 'STRADA LIPSCANI 3'],
] as const;

interface Contesto {
  store: SimStore;
  comune: string;
  rng: Rng;
  adulti: PersonaSim[];
}

function recapiti(rng: Rng, p: PersonaSim): RichiestaSim['recapiti'] {
  const base = `${p.nome}.${p.cognome}`.toLowerCase().replace(/[^a-z.]/g, '');
  const out = [{ tipo: '1', valore: `${base}@esempio.it` }];
  if (rng.chance(0.4)) out.push({ tipo: '2', valore: `${base}@pec.esempio.it` });
  out.push({ tipo: '3', valore: `3${rng.int(20, 49)}${String(rng.int(0, 9_999_999)).padStart(7, '0')}` });
  return out;
}

/** One request of `tipologia` filed at `arrivo` by a resident (or, for 4/5, a citizen of another EU state moving in). */
function crea(ctx: Contesto, tipologia: TipologiaRichiesta, arrivo: Date): RichiestaSim {
  const { rng, store } = ctx;
  const p = rng.pick(ctx.adulti);
  const codice = store.next('richiesta-cittadino', PRIMO_CODICE);
  const r: RichiestaSim = {
    codice,
    comune: ctx.comune,
    tipologia,
    arrivo: arrivo.toISOString(),
    richiedente: p.idSchedaSoggettoANPR,
    interessato: p.idSchedaSoggettoANPR,
    famiglia: p.legame.idFamigliaConvivenzaANPR,
    recapiti: recapiti(rng, p),
    storico: [{ idStato: APERTA, operatore: OPERATORE_PORTALE, dataStato: arrivo.toISOString() }],
    numeroProroghe: 0,
    scadenza: '',
  };
  if (tipologia === '1' || tipologia === '6') {
    r.rettifiche =
      tipologia === '1'
        ? [
            { idSchedaSoggettoANPR: p.idSchedaSoggettoANPR, idSezioneDati: '1', sezioneDati: 'GENERALITA', idDatoAnagrafico: 'nome', datoAnagrafico: 'Nome', valoreAttuale: p.nome, valoreRichiesto: `${p.nome} MARIA`.slice(0, 80) },
          ]
        : [{ idSchedaSoggettoANPR: p.idSchedaSoggettoANPR, idSezioneDati: '9', sezioneDati: 'DATI ELETTORALI', idDatoAnagrafico: 'sezioneElettorale', datoAnagrafico: 'Sezione elettorale', valoreAttuale: String(rng.int(1, 20)), valoreRichiesto: String(rng.int(21, 40)) }];
  }
  if (tipologia === '2' || tipologia === '4') {
    const [codSpecie, specie, denominazioneToponimo] = rng.pick(SPECIE);
    const fam = p.legame.idFamigliaConvivenzaANPR ? store.getScheda(p.legame.idFamigliaConvivenzaANPR) : undefined;
    const membri = (fam?.componenti ?? [p.idSchedaSoggettoANPR]).map((id) => store.getPersona(id)).filter((x): x is PersonaSim => !!x).slice(0, 4);
    r.tipoFamiglia = '2';
    r.indirizzo = { cap: store.getIndirizzo(p.indirizzoId)?.cap ?? '00000', codSpecie, specie, denominazioneToponimo, civico: String(rng.int(1, 120)), ...(rng.chance(0.5) ? { piano: String(rng.int(1, 6)) } : {}) };
    r.componenti = membri.map((m, i) => {
      const adulto = m.dataNascita <= `${String(arrivo.getUTCFullYear() - 18)}${arrivo.toISOString().slice(4, 10)}`;
      const confermato = i === 0 || (adulto && rng.chance(0.6));
      return {
        idSchedaSoggettoANPR: m.idSchedaSoggettoANPR,
        idGradoParentela: i === 0 ? '1' : m.legame.codiceLegame,
        flagPatente: adulto && rng.chance(0.7) ? 'SI' : 'NO',
        flagVeicoli: adulto && rng.chance(0.4) ? 'SI' : 'NO',
        statoAccettazione: confermato ? '3' : '1',
        ...(confermato ? { dataAccettazione: new Date(arrivo.getTime() + i * 3_600_000).toISOString() } : {}),
      };
    });
  }
  if (tipologia === '5' || tipologia === '4') {
    const [id, stato, localita, indirizzo] = rng.pick(STATI_UE);
    r.elettorale = { recapito: r.recapiti[0]!.valore, idStatoResidenzaOrigine: id, statoResidenzaOrigine: stato, localitaStatoResidenzaOrigine: localita, indirizzoStatoResidenzaOrigine: indirizzo };
    if (tipologia === '4') delete r.elettorale;
  }
  r.scadenza = scadenzaDi(r);
  return r;
}

function contesto(store: SimStore, comune: string, seed: string | number): Contesto {
  const adulti = store
    .tuttePersone()
    .filter((p) => p.comuneIstat === comune && p.stato === 'residente' && p.dataNascita < '2005-01-01')
    .sort((a, b) => a.idSchedaSoggettoANPR.localeCompare(b.idSchedaSoggettoANPR));
  return { store, comune, rng: createRng(`richieste:${seed}:${comune}`), adulti };
}

/** The stream of a comune: RICHIESTE_PER_TIPO of each type, arrivals spread around the reference date (noon, Rome). */
export function generaRichieste(store: SimStore, comune: string, seed: string | number, referenceDate: string): RichiestaSim[] {
  const ctx = contesto(store, comune, seed);
  if (ctx.adulti.length === 0) return [];
  const rif = new Date(`${referenceDate}T10:00:00Z`).getTime();
  const span = (GIORNI_PRIMA + GIORNI_DOPO) * DAY;
  const out: RichiestaSim[] = [];
  let i = 0;
  const totale = TIPOLOGIE_RICHIESTA.length * RICHIESTE_PER_TIPO;
  for (let k = 0; k < RICHIESTE_PER_TIPO; k++) {
    for (const t of TIPOLOGIE_RICHIESTA) {
      // Evenly spread, with a deterministic jitter of a few hours.
      const base = rif - GIORNI_PRIMA * DAY + Math.floor((span * i) / Math.max(1, totale - 1));
      const arrivo = new Date(base + ctx.rng.int(-4, 4) * 3_600_000);
      out.push(crea(ctx, t, arrivo));
      i++;
    }
  }
  return out.sort((a, b) => a.arrivo.localeCompare(b.arrivo) || a.codice.localeCompare(b.codice));
}

/** Seeds the stream of a comune once (after its population). */
export function seedRichieste(store: SimStore, comune: string, seed: string | number, referenceDate: string): number {
  if (store.getMeta(`richieste:${comune}`)) return 0;
  const tutte = generaRichieste(store, comune, seed, referenceDate);
  for (const r of tutte) store.putRichiesta(r);
  store.setMeta(`richieste:${comune}`, String(tutte.length));
  return tutte.length;
}

/** A request filed now (admin endpoint, e2e): a fresh one of `tipologia` in state 2 aperta. */
export function nuovaRichiesta(store: SimStore, comune: string, tipologia: TipologiaRichiesta, now: Date): RichiestaSim {
  const ctx = contesto(store, comune, `adesso:${store.next('richiesta-adesso', 1n)}`);
  if (ctx.adulti.length === 0) throw new RangeError(`Nessun residente nel comune ${comune}`);
  const r = crea(ctx, tipologia, now);
  store.putRichiesta(r);
  return r;
}
