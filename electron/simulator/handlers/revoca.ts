/**
 * 5013 revoca dato: the subject must be a resident of the comune; tipoRevoca
 * is a code of Tabella 48. A revoked marriage (6) or civil union (7) takes the
 * subject back to unmarried (the population keeps no earlier civil status);
 * the other data (paternity, permit, census, digital domicile…) are not kept
 * by the simulator's population, so their revocation changes no field but is
 * recorded as an operation that can be looked up with 3003.
 */
import { rifiuta } from '../errori';
import { childByLocalName, decorrenza, nonPrimaDellUltima, soggettoResidente, text } from '../read';
import { esitoRegistrazione, snapshot, statoCivile } from './common';
import type { HandlerContext, HandlerResult } from './types';

const TIPI_REVOCA = new Set(['1', '2', '3', '4', '5', '6', '7', '8', '9']);
const MOTIVI_REVOCA = new Set(['1', '2', '3']);

export function handle5013(ctx: HandlerContext): HandlerResult {
  const { store, body, comune } = ctx;
  const d = decorrenza(ctx.testata, ctx.oggi);
  const p = soggettoResidente(store, childByLocalName(childByLocalName(body, 'schedaSoggetto'), 'generalitaPerRicerca'), comune);
  nonPrimaDellUltima(p, d);
  const tipo = String(Number(text(body, 'datiControllo', 'tipoRevoca') ?? ''));
  if (!TIPI_REVOCA.has(tipo)) rifiuta('EN081', ['datiControllo.tipoRevoca']);
  if (!MOTIVI_REVOCA.has(String(Number(text(body, 'motivoAnnullamento', 'motivoRevoca') ?? '')))) rifiuta('EN081', ['motivoAnnullamento.motivoRevoca']);
  const prima = snapshot(p);
  if (tipo === '6' || tipo === '7') {
    const atteso = tipo === '6' ? '2' : '6';
    if (p.statoCivile.codice !== atteso) rifiuta('EN202');
    p.statoCivile = statoCivile('1', d, null);
  }
  p.ultimaDecorrenza = d;
  store.putPersona(p);
  return esitoRegistrazione(ctx, [p.idSchedaSoggettoANPR], prima);
}
