/**
 * Deadlines of residence declarations (5005, 1002): 2 working days from the
 * protocol date to register, 45 days for the checks once accepted.
 */
import { addGiorni, addGiorniLavorativi, diffGiorni } from '../../../shared/domain/date-it';
import { isDichiarazioneResidenza } from '../../../shared/anpr/servizi';
import type { Scadenza } from '../../../shared/ipc/domains/pratiche';
import type { Clock } from '../../core/clock';
import type { Pratica } from '../coda/types';

/** Today in Rome (AAAA-MM-GG): deadlines and numbers follow the comune's calendar. */
export function oggiRoma(clock: Clock): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Rome', year: 'numeric', month: '2-digit', day: '2-digit' }).format(clock.now());
}

/** The registration deadline a draft gets when it is saved (residence declarations with a protocol date). */
export function scadenzaDi(servizio: string, dataProtocollo: string | null | undefined): string | undefined {
  return isDichiarazioneResidenza(servizio) && dataProtocollo ? addGiorniLavorativi(dataProtocollo, 2) : undefined;
}

/** The deadlines due within `entro` days (overdue included), soonest first. */
export function scadenzeDi(pratiche: readonly Pratica[], oggiIso: string, entro: number): Scadenza[] {
  const out: Scadenza[] = [];
  for (const p of pratiche) {
    if (p.scartata || !isDichiarazioneResidenza(p.servizio) || !p.dataProtocollo) continue;
    const accolta = p.stato === 'accolta' || p.stato === 'accolta_con_avvisi';
    const base = { praticaId: p.id, servizio: p.servizio, stato: p.stato, soggettoKey: p.soggettoKey, protocollo: p.protocollo };
    if (!accolta) {
      const scadenza = p.scadenza ?? addGiorniLavorativi(p.dataProtocollo, 2);
      out.push({ ...base, tipo: 'registrazione', scadenza, giorni: diffGiorni(oggiIso, scadenza) });
    } else {
      const scadenza = addGiorni(p.dataProtocollo, 45);
      const giorni = diffGiorni(oggiIso, scadenza);
      if (giorni >= 0) out.push({ ...base, tipo: 'accertamenti', scadenza, giorni });
    }
  }
  return out.filter((s) => s.giorni <= entro).sort((a, b) => a.scadenza.localeCompare(b.scadenza));
}
