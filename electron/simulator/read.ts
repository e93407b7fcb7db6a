/**
 * Reading request bodies (already verified and schema-valid) and finding the
 * subjects and schede they refer to, with ANPR's error codes when they
 * cannot be found or do not belong to the requesting comune.
 */
import { giornoRoma, type IsoDate } from '../../shared/domain/date-it';
import { childByLocalName, childrenByLocalName, childText, type Element } from '../anpr/xml/safe';
import { rifiuta } from './errori';
import type { TestataRichiesta } from './soap';
import type { PersonaSim, SchedaSim, SimStore } from './state/store';

export { childByLocalName, childrenByLocalName, childText };

export function readTestata(root: Element): TestataRichiesta {
  const t = childByLocalName(root, 'testataRichiesta');
  const v = (n: string): string => childText(t, n) ?? '';
  const o = (n: string): string | undefined => childText(t, n) || undefined;
  return {
    idOperazioneComune: v('idOperazioneComune'),
    codMittente: v('codMittente'),
    codDestinatario: v('codDestinatario'),
    operazioneRichiesta: v('operazioneRichiesta'),
    dataOraRichiesta: v('dataOraRichiesta'),
    tipoOperazione: v('tipoOperazione'),
    tipoInvio: v('tipoInvio'),
    ...(o('protocolloComune') ? { protocolloComune: o('protocolloComune')! } : {}),
    ...(o('dataProtocolloComune') ? { dataProtocolloComune: o('dataProtocolloComune')! } : {}),
    ...(o('dataDecorrenza') ? { dataDecorrenza: o('dataDecorrenza')!.slice(0, 10) } : {}),
  };
}

export function text(parent: Element | undefined, ...path: string[]): string | undefined {
  let cur: Element | undefined = parent;
  for (const p of path.slice(0, -1)) cur = childByLocalName(cur, p);
  const v = childText(cur, path[path.length - 1]!);
  return v === undefined || v === '' ? undefined : v;
}

/** The search keys of a tipoGeneralita element. */
export interface ChiaviSoggetto {
  idSchedaSoggettoANPR?: string;
  codiceFiscale?: string;
  cognome?: string;
  nome?: string;
  dataNascita?: string;
}

export function chiavi(gen: Element | undefined): ChiaviSoggetto {
  const k: ChiaviSoggetto = {};
  const id = text(gen, 'idSchedaSoggettoANPR');
  const cfEl = childByLocalName(gen, 'codiceFiscale');
  const cf = text(gen, 'codiceFiscale', 'codFiscale') ?? (cfEl && !childByLocalName(cfEl, 'codFiscale') ? text(gen, 'codiceFiscale') : undefined);
  const cognome = text(gen, 'cognome');
  const nome = text(gen, 'nome');
  const dn = text(gen, 'dataNascita');
  if (id) k.idSchedaSoggettoANPR = id;
  if (cf) k.codiceFiscale = cf.toUpperCase();
  if (cognome) k.cognome = cognome.toUpperCase();
  if (nome) k.nome = nome.toUpperCase();
  if (dn) k.dataNascita = dn.slice(0, 10);
  return k;
}

/** All subjects matching the keys (any state, any comune). */
export function cerca(store: SimStore, k: ChiaviSoggetto): PersonaSim[] {
  let found: PersonaSim[];
  if (k.idSchedaSoggettoANPR) {
    const p = store.getPersona(k.idSchedaSoggettoANPR);
    found = p ? [p] : [];
  } else if (k.codiceFiscale) found = store.personePerCf(k.codiceFiscale);
  else if (k.cognome) found = store.personePerNome(k.cognome, k.nome);
  else found = [];
  return found.filter(
    (p) =>
      (!k.codiceFiscale || p.codiceFiscale === k.codiceFiscale) &&
      (!k.cognome || p.cognome === k.cognome) &&
      (!k.nome || p.nome === k.nome) &&
      (!k.dataNascita || p.dataNascita === k.dataNascita),
  );
}

function descr(k: ChiaviSoggetto): string {
  return k.idSchedaSoggettoANPR ?? k.codiceFiscale ?? `${k.cognome ?? ''} ${k.nome ?? ''}`.trim();
}

/**
 * The resident subject a registration refers to, owned by `comune`:
 * EN185 not found, EN095 ambiguous, EN397 deceased, EN184 cancelled,
 * EN210 another comune's resident.
 */
export function soggettoResidente(store: SimStore, gen: Element | undefined, comune: string): PersonaSim {
  const k = chiavi(gen);
  const found = cerca(store, k);
  if (found.length === 0) rifiuta('EN185', [` ${descr(k)}`], { campo: 'generalitaPerRicerca' });
  if (found.length > 1) rifiuta('EN095');
  const p = found[0]!;
  if (p.stato === 'deceduto') rifiuta('EN397', [p.idSchedaSoggettoANPR, p.datiDecesso?.data ?? '']);
  if (p.stato === 'cancellato') rifiuta('EN184', [p.idSchedaSoggettoANPR]);
  if (p.comuneIstat !== comune) rifiuta('EN210', [p.codiceFiscale]);
  return p;
}

/** A family/convivenza of `comune` by its ANPR or comune id: EF011, EN134/EN135, EN119. */
export function schedaDelComune(store: SimStore, fam: Element | undefined, comune: string): SchedaSim {
  const idAnpr = text(fam, 'idFamigliaConvivenzaANPR');
  const idCom = text(fam, 'idFamigliaConvivenzaComune', 'idFamigliaConvivenza');
  if (!idAnpr && !idCom) rifiuta('EF011');
  let s: SchedaSim | undefined;
  if (idAnpr) s = store.getScheda(idAnpr);
  else {
    const list = store.schedaPerIdComune(comune, idCom!);
    if (list.length > 1) rifiuta('EN313');
    s = list[0];
  }
  const tipoScheda = text(fam, 'tipoScheda');
  if (!s || !s.attiva || s.comuneIstat !== comune) rifiuta(tipoScheda === '2' ? 'EN135' : 'EN134', [], { valore: idAnpr ?? idCom });
  return s;
}

/** Decorrenza checks shared by registrations: EHR97 missing, EHR18 in the future. */
export function decorrenza(t: TestataRichiesta, oggi: IsoDate): IsoDate {
  const d = t.dataDecorrenza;
  if (!d) rifiuta('EHR97');
  if (d > oggi) rifiuta('EHR18', [d]);
  return d;
}

/** EN240: not before the last change of the subject. */
export function nonPrimaDellUltima(p: PersonaSim, d: IsoDate): void {
  if (d < p.ultimaDecorrenza) rifiuta('EN240', [p.ultimaDecorrenza]);
}

/** yyyy-mm-dd of a Date in Europe/Rome. */
export function oggiRoma(d: Date): IsoDate {
  return giornoRoma(d);
}
