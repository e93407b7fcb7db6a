/**
 * 1013 / 2011 / 5012: annul an earlier registration of the same family of
 * services by restoring the before-images recorded when it was applied.
 * EN078 not found, EN314 wrong service, EN145 another comune's operation,
 * EN077 a later operation touched the same subjects.
 */
import { ANNULLABILI } from '../../../shared/anpr/servizi';
import { rifiuta } from '../errori';
import { childByLocalName, text } from '../read';
import { esitoRegistrazione } from './common';
import type { HandlerContext, HandlerResult } from './types';


export function handleAnnullamento(ctx: HandlerContext): HandlerResult {
  const { store, body, comune, service } = ctx;
  const dati = childByLocalName(body, 'datiOperazione') ?? childByLocalName(body, 'datiOperazioneDaAnnullare');
  const idAnpr = text(dati, 'idOperazioneANPR');
  const idCom = text(dati, 'idOperazioneComune');
  const servizio = text(dati, 'operazioneRichiesta');
  const op = (idAnpr ? store.getOperazionePerAnpr(idAnpr) : undefined) ?? (idCom ? store.getOperazione(comune, idCom) : undefined);
  if (!op || op.stato !== 'completata' || op.effetti === 0 || op.annullata) rifiuta('EN078');
  if (op.comune !== comune) rifiuta('EN145');
  if (!(ANNULLABILI as Readonly<Record<string, readonly string[]>>)[service]?.includes(op.servizio) || (servizio && servizio !== op.servizio) || (idCom && idCom !== op.idOperazioneComune)) rifiuta('EN314');
  const successive = store.operazioniSuccessive(op.comune, op.idOperazioneComune).filter((o) => o.soggetti.some((s) => op.soggetti.includes(s)));
  if (successive.length > 0) rifiuta('EN077');
  store.undo(op.journal);
  store.markAnnullata(op.comune, op.idOperazioneComune);
  return esitoRegistrazione(ctx, op.soggetti, new Map());
}
