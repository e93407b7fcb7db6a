/**
 * Deterministic synthetic population for the ANPR training simulator.
 * Same options (seed included) and same tables → identical output, byte for byte.
 * Never reads the clock: everything is relative to `referenceDate`.
 */

import { codiceCognome, codiceNome, type Sesso } from '../../../shared/domain/codice-fiscale';
import { addAnni, fromDayNumber, toDayNumber, type IsoDate } from '../../../shared/domain/date-it';
import type { Comune, StatoEstero } from '../../../shared/domain/tabelle';
import type { AnprTables } from '../../platform/tabelle/anpr-tables';
import { getAnprTables } from '../../platform/tabelle/loader';
import { CATALOGO_ANOMALIE } from './anomalie';
import { COGNOMI, NOMI_FEMMINILI, NOMI_MASCHILI, NOMI_STRANIERI, type GruppoNomiStranieri } from './nomi';
import { createRng, type Rng } from './prng';
import { RegistroCodiciFiscali } from './registro-cf';
import type {
  Cittadinanza,
  Convivenza,
  Famiglia,
  Indirizzo,
  LuogoNascita,
  OpzioniPopolazione,
  Persona,
  Popolazione,
} from './types';

const YEAR = 365.2425;
const UNIONI_CIVILI_DAL = '2016-06-05'; // L. 76/2016 in force

/** Foreign states where Italians were often born (emigration), Belfiore codes. */
const STATI_EMIGRAZIONE: readonly (readonly [string, number])[] = [
  ['Z112', 4], // Germania
  ['Z133', 4], // Svizzera
  ['Z110', 3], // Francia
  ['Z103', 2], // Belgio
  ['Z600', 2], // Argentina
  ['Z614', 1], // Venezuela
  ['Z404', 1], // Stati Uniti
  ['Z114', 1], // Regno Unito
];

/** Origin groups of foreign-origin households with weights. */
const PESI_GRUPPI_STRANIERI = [30, 12, 16, 7, 10, 12, 5, 8] as const;

const TOPONIMI: readonly string[] = `
ROMA|GIUSEPPE GARIBALDI|GIUSEPPE MAZZINI|CAMILLO BENSO DI CAVOUR|DANTE ALIGHIERI|XX SETTEMBRE|IV NOVEMBRE|
XXV APRILE|DELLA REPUBBLICA|VITTORIO EMANUELE II|UMBERTO I|GIACOMO MATTEOTTI|ANTONIO GRAMSCI|ALDO MORO|
GIOVANNI XXIII|PAPA GIOVANNI PAOLO II|ALESSANDRO MANZONI|GIUSEPPE VERDI|GIACOMO LEOPARDI|UGO FOSCOLO|
FRANCESCO PETRARCA|GIOVANNI BOCCACCIO|LEONARDO DA VINCI|MICHELANGELO BUONARROTI|GALILEO GALILEI|
CRISTOFORO COLOMBO|MARCO POLO|GUGLIELMO MARCONI|ALESSANDRO VOLTA|ENRICO FERMI|LUIGI PIRANDELLO|
GIOVANNI VERGA|CESARE BATTISTI|NAZARIO SAURO|FRATELLI BANDIERA|GOFFREDO MAMELI|SILVIO PELLICO|
DON GIOVANNI MINZONI|DON LUIGI STURZO|ALCIDE DE GASPERI|SANDRO PERTINI|LUIGI EINAUDI|ENRICO DE NICOLA|
GIOVANNI FALCONE|PAOLO BORSELLINO|CARLO ALBERTO DALLA CHIESA|PIERO GOBETTI|FRATELLI ROSSELLI|
DELLA LIBERTA'|DELLA PACE|DEL LAVORO|DELLA COSTITUZIONE|DELL'INDUSTRIA|DELL'ARTIGIANATO|DEI MILLE|
DEI CADUTI|DEGLI ALPINI|DEI BERSAGLIERI|DEL MUNICIPIO|DEL DUOMO|DELLA STAZIONE|DEL MERCATO|DEL CASTELLO|
DELLE SCUOLE|DEL CIMITERO|DEL MULINO|DELLA CHIESA|SAN ROCCO|SAN FRANCESCO|SANTA MARIA|SANT'ANTONIO|
SAN GIOVANNI BOSCO|SANTA CATERINA|SAN MARTINO|SAN GIORGIO|DEI TIGLI|DEI PLATANI|DELLE ROSE|DEI GIGLI|
DELLE VIOLE|DEGLI ULIVI|DEI PINI|DEI CASTAGNI|DEI GELSI|DELLE QUERCE|DEI VIGNETI|DEI CAMPI|DEL SOLE|
DELLA LUNA|DEL PONTE|DEL FIUME|DEL LAGO|DEL BOSCO|DELLE ALPI|DEGLI APPENNINI|MONTE GRAPPA|PIAVE|ISONZO|
TRIESTE|TRENTO|FIUME|VENEZIA|MILANO|TORINO|NAPOLI|FIRENZE|BOLOGNA|GENOVA|NAZIONALE|PROVINCIALE|VECCHIA|NUOVA
`.split('|').map((s) => s.trim()).filter((s) => s !== '');

const SPECIE_PESI: readonly (readonly [string, number])[] = [
  ['VIA', 70],
  ['PIAZZA', 7],
  ['VIALE', 6],
  ['VICOLO', 5],
  ['CORSO', 4],
  ['LARGO', 3],
  ['STRADA', 2],
  ['PIAZZALE', 1],
  ["LOCALITA'", 2],
];

const CONVIVENZE_RIPOSO = ['CASA DI RIPOSO SAN GIUSEPPE', 'RSA VILLA SERENA', 'CASA ALBERGO PER ANZIANI SANTA MARIA'];
const CONVIVENZE_RELIGIOSE: readonly (readonly [string, Sesso])[] = [
  ['COMUNITA\' DELLE SUORE FRANCESCANE', 'F'],
  ['CONVENTO DEI FRATI CAPPUCCINI', 'M'],
  ['COMUNITA\' DELLE SUORE ORSOLINE', 'F'],
];

type Origine = { tipo: 'italiana' } | { tipo: 'straniera'; gruppo: GruppoNomiStranieri; stato: StatoEstero };

interface Membro {
  persona: Persona;
  codiceLegame: string;
  decorrenza?: number;
}

/**
 * The comune a population lives in: the official record valid at the date or,
 * for ANPR's test comuni 888xxx of its official examples (not in the official
 * table), a synthetic one: "COMUNE DI PROVA <code>", province RM (058), region
 * 12, Belfiore "X" + the last three digits (no real comune has a Belfiore
 * starting with X). Any other code not in the table is still refused (a typo
 * in a real code must not silently become a fictitious comune).
 */
export function comuneServito(tables: AnprTables, codIstat: string, data: IsoDate): Comune & { belfiore: string } {
  const c = tables.comuneValidoAlla(codIstat, data);
  if (c && c.belfiore) return c as Comune & { belfiore: string };
  if (!/^888\d{3}$/.test(codIstat) || c) {
    throw new RangeError(`Comune ${codIstat} inesistente o non valido alla data ${data} (i comuni di prova di ANPR 888xxx sono ammessi)`);
  }
  const nome = `COMUNE DI PROVA ${codIstat}`;
  return {
    id: `SINTETICO-${codIstat}`,
    codIstat,
    belfiore: `X${codIstat.slice(3)}`,
    denominazione: nome,
    denominazioneTraslitterata: nome,
    altraDenominazione: null,
    altraDenominazioneTraslitterata: null,
    siglaProvincia: 'RM',
    codProvinciaIstat: '058',
    codRegione: '12',
    dataIstituzione: '1861-03-17',
    dataCessazione: null,
    stato: 'A',
  };
}

export function generatePopulation(opts: OpzioniPopolazione, tables: AnprTables = getAnprTables()): Popolazione {
  return new Generatore(opts, tables).run();
}

class Generatore {
  private readonly rng: Rng;
  private readonly refDay: number;
  private readonly servito: Comune & { belfiore: string };
  private readonly comuniConBelfiore: Comune[];
  private readonly comuniProvincia: Comune[];
  private readonly registro = new RegistroCodiciFiscali();
  private readonly idUsati = new Set<string>();
  private readonly persone: Persona[] = [];
  private readonly famiglie: Famiglia[] = [];
  private readonly convivenze: Convivenza[] = [];
  private readonly indirizzi: Indirizzo[] = [];
  private readonly strade: { codSpecie: string; specie: string; denominazione: string; maxCivico: number }[] = [];
  private readonly civiciUsati = new Map<string, number>();
  private readonly italia: StatoEstero;
  private readonly statiEmigrazione: (readonly [StatoEstero, number])[];
  private readonly gruppiStranieri: (readonly [{ gruppo: GruppoNomiStranieri; stati: StatoEstero[] }, number])[];
  private readonly cognomiPerCodice = new Map<string, string[]>();
  private readonly nomiPerCodice = new Map<string, string[]>();
  private progressivoComune = 0;
  private progressivoFamiglia = 0;

  constructor(
    private readonly opts: OpzioniPopolazione,
    private readonly tables: AnprTables,
  ) {
    if (!Number.isInteger(opts.size) || opts.size < 1) throw new RangeError('size deve essere un intero positivo');
    this.rng = createRng(opts.seed);
    this.refDay = toDayNumber(opts.referenceDate);
    const servito = comuneServito(tables, opts.comuneIstat, opts.referenceDate);
    this.servito = servito;
    this.comuniConBelfiore = tables.comuni.filter((c) => c.belfiore !== null);
    this.comuniProvincia = this.comuniConBelfiore.filter((c) => c.codProvinciaIstat === servito.codProvinciaIstat);
    const italia = tables.statoEsteroPerCodice('100');
    if (!italia) throw new Error('Tabella stati esteri senza ITALIA (100)');
    this.italia = italia;
    this.statiEmigrazione = STATI_EMIGRAZIONE.flatMap(([b, w]) => {
      const s = tables.statoEsteroPerBelfiore(b);
      return s ? [[s, w] as const] : [];
    });
    this.gruppiStranieri = NOMI_STRANIERI.map((gruppo, i) => {
      const stati = gruppo.stati.flatMap((b) => {
        const s = tables.statoEsteroPerBelfiore(b);
        return s && s.ammessoNascita ? [s] : [];
      });
      return [{ gruppo, stati }, PESI_GRUPPI_STRANIERI[i] ?? 1] as const;
    }).filter(([g]) => g.stati.length > 0);
    for (const c of COGNOMI) push(this.cognomiPerCodice, codiceCognome(c), c);
    for (const n of NOMI_MASCHILI) push(this.nomiPerCodice, 'M' + codiceNome(n), n);
    for (const n of NOMI_FEMMINILI) push(this.nomiPerCodice, 'F' + codiceNome(n), n);
    this.creaStrade();
  }

  run(): Popolazione {
    const { size } = this.opts;
    const forzate = Math.min(this.opts.omocodieForzate ?? 1 + Math.floor(size / 5000), Math.floor(size / 4));
    const nConvivenze = size >= 150 ? 1 + Math.floor(size / 6000) : 0;
    for (let i = 0; i < nConvivenze; i++) {
      const budget = size - forzate - this.persone.length - 10;
      if (budget < 5) break;
      this.convivenza(i, budget);
    }
    let guard = 0;
    while (this.persone.length < size - forzate && guard++ < size * 20) {
      this.famiglia(size - forzate - this.persone.length);
    }
    for (let i = 0; i < forzate; i++) this.omocodiaForzata();
    while (this.persone.length < size) this.singolo(); // only if forced cases found no donor
    this.assegnaAnomalie();
    const s = this.servito;
    return {
      versione: 1,
      seed: this.opts.seed,
      referenceDate: this.opts.referenceDate,
      comune: { codiceIstat: s.codIstat, belfiore: s.belfiore, nomeComune: s.denominazione, siglaProvincia: s.siglaProvincia },
      persone: this.persone,
      famiglie: this.famiglie,
      convivenze: this.convivenze,
      indirizzi: this.indirizzi,
    };
  }

  // -------------------------------------------------------------------------
  // dates

  private iso(day: number): IsoDate {
    return fromDayNumber(day);
  }

  private nascitaPerEta(eta: number): number {
    return this.refDay - Math.floor(eta * YEAR) - this.rng.int(0, 364);
  }

  /** day + whole years (calendar-exact). */
  private piuAnni(day: number, anni: number): number {
    return toDayNumber(addAnni(fromDayNumber(day), anni));
  }

  private tra(a: number, b: number): number {
    return a >= b ? Math.min(a, this.refDay) : this.rng.int(a, b);
  }

  // -------------------------------------------------------------------------
  // ids

  private cifre(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += String(this.rng.int(0, 9));
    return s;
  }

  /** ≤ 16 digits, > 2^31; about 12% above 2^53. */
  private idAnpr(): string {
    for (;;) {
      let s: string;
      if (this.rng.chance(0.12)) s = '9' + String(this.rng.int(1, 9)) + this.cifre(14);
      else {
        const len = this.rng.int(10, 15);
        s = String(len === 10 ? this.rng.int(3, 9) : this.rng.int(1, 9)) + this.cifre(len - 1);
      }
      if (!this.idUsati.has(s)) {
        this.idUsati.add(s);
        return s;
      }
    }
  }

  // -------------------------------------------------------------------------
  // places and names

  private comuneValido(c: Comune, day: number): boolean {
    const d = this.iso(day);
    return c.dataIstituzione <= d && (c.dataCessazione === null || d <= c.dataCessazione);
  }

  private luogoComune(c: Comune): LuogoNascita {
    return { tipo: 'comune', codiceIstat: c.codIstat, belfiore: c.belfiore!, nomeComune: c.denominazione, siglaProvincia: c.siglaProvincia };
  }

  private luogoEstero(s: StatoEstero): LuogoNascita {
    return { tipo: 'estero', codiceStato: s.codIstat, belfiore: s.belfiore!, descrizioneStato: s.denominazione };
  }

  private statoValido(s: StatoEstero, day: number): boolean {
    const d = this.iso(day);
    return !!s.belfiore && s.ammessoNascita && (s.dataInizioValidita === null || s.dataInizioValidita <= d) && (s.dataFineValidita === null || d <= s.dataFineValidita);
  }

  private comuneNascita(day: number): LuogoNascita {
    const r = this.rng.next();
    if (r < 0.4) {
      const c = this.tables.comuneValidoAlla(this.servito.codIstat, this.iso(day));
      if (c && c.belfiore) return this.luogoComune(c);
    }
    if (r < 0.7 && this.comuniProvincia.length > 0) {
      for (let i = 0; i < 20; i++) {
        const c = this.rng.pick(this.comuniProvincia);
        if (this.comuneValido(c, day)) return this.luogoComune(c);
      }
    }
    for (let i = 0; i < 200; i++) {
      const c = this.rng.pick(this.comuniConBelfiore);
      if (this.comuneValido(c, day)) return this.luogoComune(c);
    }
    const start = this.rng.int(0, this.comuniConBelfiore.length - 1);
    for (let i = 0; i < this.comuniConBelfiore.length; i++) {
      const c = this.comuniConBelfiore[(start + i) % this.comuniConBelfiore.length]!;
      if (this.comuneValido(c, day)) return this.luogoComune(c);
    }
    throw new Error(`Nessun comune valido alla data ${this.iso(day)}`);
  }

  private statoNascita(preferiti: readonly StatoEstero[], day: number): LuogoNascita | null {
    const validi = preferiti.filter((s) => this.statoValido(s, day));
    return validi.length > 0 ? this.luogoEstero(this.rng.pick(validi)) : null;
  }

  private luogoNascita(origine: Origine, day: number, natoInItalia: boolean): LuogoNascita {
    if (origine.tipo === 'straniera') {
      if (!natoInItalia) {
        const l = this.statoNascita([origine.stato], day) ?? this.statoNascita(this.statiGruppo(origine.gruppo), day);
        if (l) return l;
      }
      return this.comuneNascita(day);
    }
    if (!natoInItalia && this.statiEmigrazione.length > 0) {
      const s = this.rng.weighted(this.statiEmigrazione);
      const l = this.statoNascita([s], day);
      if (l) return l;
    }
    return this.comuneNascita(day);
  }

  private statiGruppo(g: GruppoNomiStranieri): StatoEstero[] {
    return this.gruppiStranieri.find(([x]) => x.gruppo === g)?.[0].stati ?? [];
  }

  private nome(sesso: Sesso, origine: Origine): string {
    if (origine.tipo === 'straniera') return this.rng.pick(sesso === 'M' ? origine.gruppo.maschili : origine.gruppo.femminili);
    return this.rng.pick(sesso === 'M' ? NOMI_MASCHILI : NOMI_FEMMINILI);
  }

  private cognome(origine: Origine): string {
    return this.rng.pick(origine.tipo === 'straniera' ? origine.gruppo.cognomi : COGNOMI);
  }

  private origineFamiglia(): Origine {
    if (this.gruppiStranieri.length === 0 || !this.rng.chance(0.1)) return { tipo: 'italiana' };
    const g = this.rng.weighted(this.gruppiStranieri);
    return { tipo: 'straniera', gruppo: g.gruppo, stato: this.rng.pick(g.stati) };
  }

  private cittadinanze(origine: Origine, luogo: LuogoNascita, nascita: number): Cittadinanza[] {
    const it: Cittadinanza = { codiceStato: this.italia.codIstat, descrizioneStato: this.italia.denominazione };
    if (origine.tipo === 'italiana') return [it];
    const estera: Cittadinanza = { codiceStato: origine.stato.codIstat, descrizioneStato: origine.stato.denominazione };
    if (!origine.stato.ammessoCittadinanza) return [it];
    const adulto = this.refDay - nascita > 18 * YEAR;
    // naturalised (or Italian-born adults who elected citizenship): often keep the other one
    if (adulto && this.rng.chance(luogo.tipo === 'comune' ? 0.5 : 0.15)) {
      return this.rng.chance(0.5) ? [it, estera] : [it];
    }
    return [estera];
  }

  // -------------------------------------------------------------------------
  // persons

  private persona(p: {
    sesso: Sesso;
    nascita: number;
    origine: Origine;
    cognome?: string;
    nome?: string;
    natoInItalia?: boolean;
    luogo?: LuogoNascita;
  }): Persona {
    const natoInItalia =
      p.natoInItalia ?? (p.origine.tipo === 'straniera' ? this.rng.chance(0.05) : !this.rng.chance(0.04));
    const luogo = p.luogo ?? this.luogoNascita(p.origine, p.nascita, natoInItalia);
    const cognome = p.cognome ?? this.cognome(p.origine);
    const nome = p.nome ?? this.nome(p.sesso, p.origine);
    const dataNascita = this.iso(p.nascita);
    const cf = this.registro.assegna({ cognome, nome, sesso: p.sesso, dataNascita, belfiore: luogo.belfiore });
    const persona: Persona = {
      idSchedaSoggettoANPR: this.idAnpr(),
      idSchedaSoggettoComune: String(1_000_000 + ++this.progressivoComune),
      codiceFiscale: cf.codiceFiscale,
      codiceFiscaleBase: cf.codiceFiscaleBase,
      livelloOmocodia: cf.livelloOmocodia,
      validitaCF: '1',
      cognome,
      nome,
      sesso: p.sesso,
      dataNascita,
      luogoNascita: luogo,
      cittadinanze: this.cittadinanze(p.origine, luogo, p.nascita),
      statoCivile: { codice: '1', descrizione: this.descr(1, '1'), dataEvento: null, coniugeId: null },
      padreId: null,
      madreId: null,
      legame: {
        tipoLegame: '3',
        idFamigliaConvivenzaANPR: '',
        codiceLegame: '',
        descrizioneLegame: '',
        progressivoComponente: 0,
        dataDecorrenza: dataNascita,
      },
      indirizzoId: '',
      dataDecorrenzaResidenza: dataNascita,
      motivoIscrizione:
        luogo.tipo === 'estero' ? '4' : luogo.codiceIstat === this.servito.codIstat ? '1' : '3',
      anomalie: [],
    };
    this.persone.push(persona);
    return persona;
  }

  private descr(tab: number, codice: string): string {
    const d = this.tables.decodifica(tab, codice);
    if (d === undefined) throw new Error(`Codice ${codice} assente nella Tabella ${tab}`);
    return d;
  }

  private statoCivile(p: Persona, codice: string, dataEvento: number | null, coniuge: Persona | null = null): void {
    p.statoCivile = {
      codice,
      descrizione: this.descr(1, codice),
      dataEvento: dataEvento === null ? null : this.iso(Math.min(dataEvento, this.refDay)),
      coniugeId: coniuge ? coniuge.idSchedaSoggettoANPR : null,
    };
  }

  /** Status for an adult without a partner in the household. */
  private statoSenzaPartner(p: Persona, nascita: number, pesi: { celibe: number; vedovo: number; divorziato: number }): void {
    const eta = (this.refDay - nascita) / YEAR;
    const codice = this.rng.weighted([
      ['1', pesi.celibe],
      ['3', eta >= 30 ? pesi.vedovo : 0],
      ['4', eta >= 25 ? pesi.divorziato : 0],
    ] as const);
    if (codice === '1') return this.statoCivile(p, '1', null);
    const da = this.piuAnni(nascita, codice === '3' ? Math.min(55, Math.max(25, Math.floor(eta) - 5)) : 25);
    this.statoCivile(p, codice, this.tra(da, this.refDay));
  }

  // -------------------------------------------------------------------------
  // addresses

  private creaStrade(): void {
    const specie = SPECIE_PESI.flatMap(([descr, w]) => {
      const v = this.tables.tabella(4)?.voci.find((x) => x.descrizione === descr);
      return v ? [[v, w] as const] : [];
    });
    if (specie.length === 0) throw new Error('Tabella 4 (specie toponimo) senza VIA/PIAZZA');
    const n = Math.min(Math.max(Math.ceil(this.opts.size / 45), 8), 400);
    const seen = new Set<string>();
    for (let i = 0; this.strade.length < n && i < n * 20; i++) {
      const sp = this.rng.weighted(specie);
      const den = this.rng.pick(TOPONIMI);
      const key = `${sp.codice}|${den}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const grande = sp.descrizione === 'VIA' || sp.descrizione === 'VIALE' || sp.descrizione === 'CORSO';
      this.strade.push({ codSpecie: sp.codice, specie: sp.descrizione, denominazione: den, maxCivico: this.rng.int(grande ? 30 : 6, grande ? 220 : 40) });
    }
  }

  private indirizzo(): Indirizzo {
    const idx = Math.floor(this.strade.length * Math.pow(this.rng.next(), 1.6));
    const strada = this.strade[Math.min(idx, this.strade.length - 1)]!;
    const numero = String(this.rng.int(1, strada.maxCivico));
    const lettera = this.rng.chance(0.05) ? this.rng.pick(['A', 'B', 'C', 'D']) : null;
    const esponente1 = lettera === null && this.rng.chance(0.02) ? 'BIS' : null;
    const key = `${strada.codSpecie}|${strada.denominazione}|${numero}|${lettera ?? ''}|${esponente1 ?? ''}`;
    const gia = this.civiciUsati.get(key) ?? 0;
    this.civiciUsati.set(key, gia + 1);
    const civicoInterno = gia > 0 ? String(gia + 1) : this.rng.chance(0.3) ? '1' : null;
    const s = this.servito;
    const ind: Indirizzo = {
      id: `IND${String(this.indirizzi.length + 1).padStart(6, '0')}`,
      tipoIndirizzo: '1',
      comune: { codiceIstat: s.codIstat, belfiore: s.belfiore, nomeComune: s.denominazione, siglaProvincia: s.siglaProvincia },
      cap: this.opts.cap ?? null,
      toponimo: { codSpecie: strada.codSpecie, specie: strada.specie, denominazioneToponimo: strada.denominazione },
      numeroCivico: { numero, lettera, esponente1, civicoInterno },
    };
    this.indirizzi.push(ind);
    return ind;
  }

  // -------------------------------------------------------------------------
  // households

  private chiudiFamiglia(membri: Membro[], motivo: string | null, origine: number): void {
    const ind = this.indirizzo();
    const id = this.idAnpr();
    const intestatario = membri[0]!.persona;
    const famiglia: Famiglia = {
      tipo: 'famiglia',
      idFamigliaConvivenzaANPR: id,
      idFamigliaConvivenzaComune: String(500_000 + ++this.progressivoFamiglia),
      intestatarioId: intestatario.idSchedaSoggettoANPR,
      motivoCostituzione: motivo,
      dataOrigine: this.iso(Math.min(origine, this.refDay)),
      indirizzoId: ind.id,
      componenti: membri.map((m) => m.persona.idSchedaSoggettoANPR),
    };
    membri.forEach((m, i) => this.lega(m, '3', 5, id, i + 1, origine, ind));
    this.famiglie.push(famiglia);
  }

  private lega(m: Membro, tipoLegame: '3' | '4', tab: number, id: string, prog: number, origine: number, ind: Indirizzo): void {
    const nascita = toDayNumber(m.persona.dataNascita);
    const dec = this.iso(Math.min(this.refDay, Math.max(m.decorrenza ?? origine, nascita)));
    m.persona.legame = {
      tipoLegame,
      idFamigliaConvivenzaANPR: id,
      codiceLegame: m.codiceLegame,
      descrizioneLegame: this.descr(tab, m.codiceLegame),
      progressivoComponente: prog,
      dataDecorrenza: dec,
    };
    m.persona.indirizzoId = ind.id;
    m.persona.dataDecorrenzaResidenza = dec;
  }

  private famiglia(budget: number): void {
    const tipo = this.rng.weighted([
      ['singolo', 33],
      ['coppia', 20],
      ['coppiaFigli', 31],
      ['monogenitore', 10],
      ['estesa', 4],
      ['fratelli', 2],
    ] as const);
    if (budget < 2 || tipo === 'singolo') return this.singolo();
    if (tipo === 'fratelli') return this.fratelli();
    if (tipo === 'monogenitore') return this.monogenitore(budget);
    return this.coppia(budget, tipo === 'coppiaFigli' || tipo === 'estesa', tipo === 'estesa');
  }

  private singolo(): void {
    const origine = this.origineFamiglia();
    const anziano = this.rng.chance(0.55);
    const eta = anziano ? this.rng.normal(78, 8, 65, 100) : this.rng.normal(40, 11, 19, 64);
    const sesso: Sesso = anziano ? (this.rng.chance(0.68) ? 'F' : 'M') : this.rng.chance(0.5) ? 'F' : 'M';
    const nascita = this.nascitaPerEta(eta);
    const p = this.persona({ sesso, nascita, origine });
    this.statoSenzaPartner(p, nascita, anziano ? { celibe: 15, vedovo: 65, divorziato: 12 } : { celibe: 75, vedovo: 2, divorziato: 23 });
    const origineFam = this.tra(this.piuAnni(nascita, 18), this.refDay);
    this.chiudiFamiglia([{ persona: p, codiceLegame: '1' }], null, origineFam);
  }

  private fratelli(): void {
    const cognome = this.cognome({ tipo: 'italiana' });
    const origine: Origine = { tipo: 'italiana' };
    const eta = this.rng.normal(62, 12, 35, 90);
    const n1 = this.nascitaPerEta(eta);
    const n2 = Math.min(this.refDay - Math.floor(25 * YEAR), n1 + this.rng.int(300, Math.floor(12 * YEAR)));
    const a = this.persona({ sesso: this.rng.chance(0.5) ? 'F' : 'M', nascita: n1, origine, cognome });
    const b = this.persona({ sesso: this.rng.chance(0.5) ? 'F' : 'M', nascita: n2, origine, cognome });
    this.statoSenzaPartner(a, n1, { celibe: 70, vedovo: 20, divorziato: 10 });
    this.statoSenzaPartner(b, n2, { celibe: 80, vedovo: 10, divorziato: 10 });
    const origineFam = this.tra(this.piuAnni(n2, 25), this.refDay);
    this.chiudiFamiglia([{ persona: a, codiceLegame: '1' }, { persona: b, codiceLegame: '9' }], '2', origineFam);
  }

  private monogenitore(budget: number): void {
    const origine = this.origineFamiglia();
    const sesso: Sesso = this.rng.chance(0.8) ? 'F' : 'M';
    const nascita = this.nascitaPerEta(this.rng.normal(44, 8, 24, 65));
    const genitore = this.persona({ sesso, nascita, origine });
    this.statoSenzaPartner(genitore, nascita, { celibe: 30, vedovo: 15, divorziato: 55 });
    const membri: Membro[] = [{ persona: genitore, codiceLegame: '1' }];
    const k = Math.min(budget - 1, this.rng.weighted([[1, 55], [2, 35], [3, 10]] as const));
    const lo = Math.max(this.piuAnni(nascita, 18), this.refDay - Math.floor(30 * YEAR));
    let hi = Math.min(this.refDay, this.piuAnni(nascita, sesso === 'F' ? 46 : 55));
    if (genitore.statoCivile.codice === '3' && genitore.statoCivile.dataEvento) {
      hi = Math.min(hi, toDayNumber(genitore.statoCivile.dataEvento) + 270);
    }
    const cognomeFigli =
      sesso === 'M' || (genitore.statoCivile.codice === '1' && this.rng.chance(0.5)) ? genitore.cognome : this.cognome(origine);
    let origineFam = this.tra(this.piuAnni(nascita, 20), this.refDay);
    for (let i = 0; i < k && lo <= hi; i++) {
      const nf = this.rng.int(lo, hi);
      const figlio = this.persona({ sesso: this.rng.chance(0.5) ? 'F' : 'M', nascita: nf, origine, cognome: cognomeFigli, natoInItalia: this.rng.chance(0.9) });
      if (sesso === 'M') figlio.padreId = genitore.idSchedaSoggettoANPR;
      else figlio.madreId = genitore.idSchedaSoggettoANPR;
      membri.push({ persona: figlio, codiceLegame: '3' });
      origineFam = Math.min(origineFam, nf);
    }
    this.chiudiFamiglia(membri, membri.length > 1 ? '2' : null, origineFam);
  }

  private coppia(budget: number, conFigli: boolean, estesa: boolean): void {
    const origine = this.origineFamiglia();
    let unione = this.rng.weighted([['matrimonio', 92], ['convivenza', 6.5], ['unioneCivile', 1.5]] as const);
    if (unione === 'unioneCivile' && (this.opts.referenceDate < UNIONI_CIVILI_DAL || origine.tipo === 'straniera')) unione = 'matrimonio';
    const etaA = conFigli
      ? this.rng.normal(49, 9, 25, 75)
      : this.rng.chance(0.3)
        ? this.rng.normal(32, 5, 22, 45)
        : this.rng.normal(72, 8, 50, 96);
    const sessoA: Sesso = unione === 'unioneCivile' ? (this.rng.chance(0.5) ? 'F' : 'M') : 'M';
    const sessoB: Sesso = unione === 'unioneCivile' ? sessoA : 'F';
    const etaB = Math.min(98, Math.max(20, etaA - this.rng.normal(3, 3, -6, 12)));
    const nA = this.nascitaPerEta(etaA);
    const nB = this.nascitaPerEta(etaB);
    const giovane = Math.max(nA, nB);
    let dataUnione = this.tra(this.piuAnni(giovane, 20), Math.min(this.refDay, this.piuAnni(giovane, 40)));
    if (unione === 'unioneCivile') dataUnione = Math.max(dataUnione, this.tra(toDayNumber(UNIONI_CIVILI_DAL), this.refDay));
    dataUnione = Math.min(dataUnione, this.refDay);

    const a = this.persona({ sesso: sessoA, nascita: nA, origine });
    const b = this.persona({ sesso: sessoB, nascita: nB, origine });
    let codiceB: string;
    let motivo: string;
    if (unione === 'matrimonio') {
      this.statoCivile(a, '2', dataUnione, b);
      this.statoCivile(b, '2', dataUnione, a);
      codiceB = '2';
      motivo = '1';
    } else if (unione === 'unioneCivile') {
      this.statoCivile(a, '6', dataUnione, b);
      this.statoCivile(b, '6', dataUnione, a);
      codiceB = '28';
      motivo = '9';
    } else {
      this.statoSenzaPartner(a, nA, { celibe: 70, vedovo: 0, divorziato: 30 });
      this.statoSenzaPartner(b, nB, { celibe: 70, vedovo: 0, divorziato: 30 });
      codiceB = '23';
      motivo = '6';
    }
    const membri: Membro[] = [
      { persona: a, codiceLegame: '1' },
      { persona: b, codiceLegame: codiceB },
    ];
    let origineFam = dataUnione;

    let posti = budget - 2 - (estesa ? 1 : 0);
    if (conFigli && sessoA !== sessoB) {
      const [padre, madre, nP, nM] = sessoA === 'M' ? [a, b, nA, nB] : [b, a, nB, nA];
      const k = this.rng.weighted([[1, 45], [2, 40], [3, 12], [4, 3]] as const);
      const lo = Math.max(this.piuAnni(nM, 18), this.piuAnni(nP, 18), dataUnione - 730, this.refDay - Math.floor(34 * YEAR));
      const hi = Math.min(this.refDay, this.piuAnni(nM, 46));
      for (let i = 0; i < k && posti > 0 && lo <= hi; i++, posti--) {
        const nf = this.rng.int(lo, hi);
        const figlio = this.persona({
          sesso: this.rng.chance(0.51) ? 'M' : 'F',
          nascita: nf,
          origine,
          cognome: padre.cognome,
          natoInItalia: origine.tipo === 'straniera' ? this.rng.chance(0.7) : !this.rng.chance(0.02),
        });
        figlio.padreId = padre.idSchedaSoggettoANPR;
        figlio.madreId = madre.idSchedaSoggettoANPR;
        membri.push({ persona: figlio, codiceLegame: '3' });
        origineFam = Math.min(origineFam, nf);
      }
    }
    if (estesa && budget - membri.length >= 1) {
      const etaA0 = (this.refDay - nA) / YEAR;
      const etaG = etaA0 + this.rng.normal(28, 4, 20, 40);
      if (etaG <= 100) {
        const sessoG: Sesso = this.rng.chance(0.75) ? 'F' : 'M';
        const nG = this.nascitaPerEta(etaG);
        const g = this.persona({
          sesso: sessoG,
          nascita: Math.min(nG, this.piuAnni(nA, -18)),
          origine,
          cognome: sessoG === 'M' ? a.cognome : undefined,
        });
        this.statoCivile(g, '3', this.tra(Math.max(this.piuAnni(toDayNumber(g.dataNascita), 55), nA), this.refDay));
        if (sessoG === 'M') a.padreId = g.idSchedaSoggettoANPR;
        else a.madreId = g.idSchedaSoggettoANPR;
        membri.push({ persona: g, codiceLegame: '6', decorrenza: this.tra(origineFam, this.refDay) });
      }
    }
    this.chiudiFamiglia(membri, motivo, origineFam);
  }

  private convivenza(indice: number, budget: number): void {
    const religiosa = indice % 2 === 1;
    const origine: Origine = { tipo: 'italiana' };
    const ind = this.indirizzo();
    const id = this.idAnpr();
    const dataOrigine = this.tra(toDayNumber('1950-01-01'), this.refDay - Math.floor(5 * YEAR));
    const membri: Membro[] = [];
    let denominazione: string;
    let specie: string;
    if (religiosa) {
      const [den, sesso] = CONVIVENZE_RELIGIOSE[Math.floor(indice / 2) % CONVIVENZE_RELIGIOSE.length]!;
      denominazione = den;
      specie = '1';
      const n = Math.min(budget, this.rng.int(4, 12));
      for (let i = 0; i < n; i++) {
        const nascita = this.nascitaPerEta(this.rng.normal(62, 15, 28, 95));
        const p = this.persona({ sesso, nascita, origine });
        const dec = this.tra(Math.max(dataOrigine, this.piuAnni(nascita, 22)), this.refDay);
        membri.push({ persona: p, codiceLegame: i === 0 ? '1' : '2', decorrenza: dec });
      }
    } else {
      denominazione = CONVIVENZE_RIPOSO[Math.floor(indice / 2) % CONVIVENZE_RIPOSO.length]!;
      specie = '3';
      const nascitaR = this.nascitaPerEta(this.rng.normal(50, 8, 35, 65));
      const resp = this.persona({ sesso: this.rng.chance(0.6) ? 'F' : 'M', nascita: nascitaR, origine });
      this.statoSenzaPartner(resp, nascitaR, { celibe: 60, vedovo: 5, divorziato: 35 });
      membri.push({ persona: resp, codiceLegame: '1', decorrenza: this.tra(Math.max(dataOrigine, this.piuAnni(nascitaR, 30)), this.refDay) });
      const n = Math.min(budget - 1, Math.max(5, Math.min(60, Math.round(this.opts.size * 0.006))));
      for (let i = 0; i < n; i++) {
        const nascita = this.nascitaPerEta(this.rng.normal(86, 6, 72, 102));
        const p = this.persona({ sesso: this.rng.chance(0.75) ? 'F' : 'M', nascita, origine });
        this.statoSenzaPartner(p, nascita, { celibe: 20, vedovo: 65, divorziato: 15 });
        const dec = this.tra(Math.max(dataOrigine, this.piuAnni(nascita, 70)), this.refDay);
        membri.push({ persona: p, codiceLegame: '2', decorrenza: dec });
      }
    }
    membri.forEach((m, i) => this.lega(m, '4', 6, id, i + 1, dataOrigine, ind));
    this.convivenze.push({
      tipo: 'convivenza',
      idFamigliaConvivenzaANPR: id,
      idFamigliaConvivenzaComune: String(900_000 + indice + 1),
      denominazione,
      specieConvivenza: specie,
      descrizioneSpecie: this.descr(27, specie),
      responsabileId: membri[0]!.persona.idSchedaSoggettoANPR,
      dataOrigine: this.iso(dataOrigine),
      indirizzoId: ind.id,
      componenti: membri.map((m) => m.persona.idSchedaSoggettoANPR),
    });
  }

  /**
   * A one-person family whose CF data (sex, birth date and place, surname/name codes)
   * coincide with an earlier adult: AE would give the newcomer the first omocode.
   */
  private omocodiaForzata(): void {
    const donatori = this.persone.filter((p) => p.legame.tipoLegame === '3' && this.refDay - toDayNumber(p.dataNascita) > 18 * YEAR);
    if (donatori.length === 0) return;
    const d = this.rng.pick(donatori);
    const stessoCognome = this.cognomiPerCodice.get(codiceCognome(d.cognome)) ?? [d.cognome];
    const stessoNome = this.nomiPerCodice.get(d.sesso + codiceNome(d.nome)) ?? [d.nome];
    const cognome = this.rng.pick(stessoCognome);
    const nome = this.rng.pick(stessoNome);
    const nascita = toDayNumber(d.dataNascita);
    const italiano = d.cittadinanze.some((c) => c.codiceStato === this.italia.codIstat);
    const p = this.persona({ sesso: d.sesso, nascita, origine: { tipo: 'italiana' }, cognome, nome, luogo: d.luogoNascita });
    if (!italiano) p.cittadinanze = d.cittadinanze.map((c) => ({ ...c }));
    this.statoSenzaPartner(p, nascita, { celibe: 70, vedovo: 10, divorziato: 20 });
    this.chiudiFamiglia([{ persona: p, codiceLegame: '1' }], null, this.tra(this.piuAnni(nascita, 18), this.refDay));
  }

  private assegnaAnomalie(): void {
    const quota = this.opts.quotaAnomalie ?? 0.02;
    for (const p of this.persone) {
      if (!this.rng.chance(quota)) continue;
      const coniugato = p.statoCivile.codice === '2';
      const voci = CATALOGO_ANOMALIE.filter((a) => a.applicabile === 'tutti' || coniugato).map((a) => [a, a.peso] as const);
      const n = this.rng.chance(0.1) ? 2 : 1;
      for (let i = 0; i < n; i++) {
        const a = this.rng.weighted(voci);
        if (p.anomalie.some((x) => x.codice === a.codice)) continue;
        p.anomalie.push({ codice: a.codice, tipo: a.tipo, testo: a.testo });
        if (a.codice === 'EA029' || a.codice === 'EAA30') p.validitaCF = '9';
      }
    }
  }
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const arr = m.get(k);
  if (arr) arr.push(v);
  else m.set(k, [v]);
}
