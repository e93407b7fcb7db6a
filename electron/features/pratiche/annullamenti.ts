/**
 * Annulments of accepted pratiche (1013/2011/5012): which annulment each
 * annulled pratica has, who may draft one, and the draft itself.
 */
import { ANNULLAMENTO_DI } from '../../../shared/anpr/servizi';
import type { Queue } from '../coda';
import type { DaAnnullare, Pratica } from '../coda/types';
import { PraticaRifiutata } from './rifiuto';

export interface Annullamento {
  praticaId: string;
  servizio: string;
  stato: Pratica['stato'];
  data: string;
}

/**
 * The annulment of each annulled pratica (by the annulled pratica's id), from
 * the annulment drafts' `daAnnullare`: the accepted one if any, else the newest
 * not discarded (drafted, in flight, refused).
 */
export function annullamentiPer(pratiche: readonly Pratica[]): Map<string, Annullamento> {
  const out = new Map<string, Annullamento>();
  for (const a of pratiche) {
    if (a.scartata) continue;
    const target = a.metadati.daAnnullare?.praticaId;
    if (!target) continue;
    const cur = out.get(target);
    const accolta = a.stato === 'accolta' || a.stato === 'accolta_con_avvisi';
    const curAccolta = cur && (cur.stato === 'accolta' || cur.stato === 'accolta_con_avvisi');
    if (!cur || (accolta && !curAccolta) || (!curAccolta && !accolta && a.aggiornata > cur.data)) {
      out.set(target, { praticaId: a.id, servizio: a.servizio, stato: a.stato, data: a.aggiornata });
    }
  }
  return out;
}


/** The reference an annulment draft keeps to the accepted pratica it annuls. */
export function riferimentoDi(p: Pratica): DaAnnullare | null {
  if ((p.stato !== 'accolta' && p.stato !== 'accolta_con_avvisi') || !p.idOperazioneComune || !p.idOperazioneANPR) return null;
  return { praticaId: p.id, servizio: p.servizio, idOperazioneComune: p.idOperazioneComune, idOperazioneANPR: p.idOperazioneANPR, dataDecorrenza: p.dataDecorrenza };
}

/**
 * A `daAnnullare` a client sends with a draft must be what the core drafted:
 * an annulment service of that pratica's service, pointing at the accepted
 * pratica with its identifiers.
 */
export function controllaRiferimento(queue: Queue, servizio: string, dichiarato: DaAnnullare): DaAnnullare {
  const p = queue.get(dichiarato.praticaId);
  const vero = p ? riferimentoDi(p) : null;
  if (
    !vero ||
    ANNULLAMENTO_DI[vero.servizio] !== servizio ||
    vero.servizio !== dichiarato.servizio ||
    vero.idOperazioneComune !== dichiarato.idOperazioneComune ||
    vero.idOperazioneANPR !== dichiarato.idOperazioneANPR
  ) {
    throw new PraticaRifiutata('ANNULLAMENTO_NON_VALIDO', "La pratica da annullare non corrisponde a una pratica accolta da ANPR annullabile con questo servizio.");
  }
  return vero;
}

/**
 * The annulment draft (1013/2011/5012) of an accepted pratica. Refused while
 * an annulment of it exists (drafted, in flight, refused and not discarded)
 * or once one was accepted.
 */
export function creaAnnullamento(queue: Queue, p: Pratica, operatore: string): string {
  const servizio = ANNULLAMENTO_DI[p.servizio];
  if (!servizio) throw new PraticaRifiutata('NON_ANNULLABILE', 'Questo tipo di pratica non si annulla con un servizio ANPR.');
  const riferimento = riferimentoDi(p);
  if (!riferimento) throw new PraticaRifiutata('NON_ANNULLABILE', 'Si può annullare solo una pratica accolta da ANPR.');
  const gia = annullamentiPer(queue.list()).get(p.id);
  if (gia) {
    throw new PraticaRifiutata(
      'GIA_IN_ANNULLAMENTO',
      gia.stato === 'accolta' || gia.stato === 'accolta_con_avvisi' ? 'La pratica è già stata annullata in ANPR.' : "Per questa pratica c'è già un annullamento in corso: completarlo o scartarlo.",
    );
  }
  return queue.salvaBozza({
    servizio,
    formato: 'dati',
    payload: {},
    metadati: { daAnnullare: riferimento },
    soggettoKey: p.soggettoKey ?? undefined,
    operatore,
  });
}
