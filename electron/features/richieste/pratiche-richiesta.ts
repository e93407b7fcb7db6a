/**
 * The pratiche of a citizen's online request (issue 15, write side): each
 * state change is a P003 pratica of the queue (one per click: allocated once,
 * sent exactly once, reconciled when the outcome is unknown, prepared
 * offline), and the registration the request asks for (5005, 1002, 5008) is a
 * draft pre-filled from P002. Both carry the link to the request (migration
 * 0014), so the sheet lists them and each pratica links back.
 */
import { DATI_PRATICA } from '../../../shared/anpr/servizi/dati-pratica';
import { PROROGABILI, STATI_FINALI, transizione, type StatoRichiesta } from '../../../shared/anpr/richieste/stati';
import { titoloStato } from './mappa';
import { isDichiarazioneResidenza, TITOLI_SERVIZIO } from '../../../shared/anpr/servizi';
import { scadenzaDi } from '../pratiche/scadenze';
import type { TipologiaRichiesta } from '../../../shared/anpr/servizi/P001';
import type { PraticaDellaRichiesta } from '../../../shared/ipc/domains/richieste';
import type { ErroreAnpr } from '../../anpr/outcome';
import type { CodaHost } from '../../core/coda';
import type { Logger } from '../../platform/logger';
import { AppError } from '../../platform/ipc/app-error';
import { ETICHETTE_STATO, STATI_ACCOLTI } from '../coda/states';
import type { Pratica } from '../coda/types';
import type { PropostaPratica } from './pratica-da-richiesta';

/** States of a pratica whose outcome is still to come: no second change of the same request meanwhile. */
const NON_CONCLUSI = new Set(['bozza', 'pronta', 'in_invio', 'esito_incerto', 'richiede_intervento']);

/** EN148 "Errore nell'impostazione dello stato/proroga pratica. Esito: 1200x", in the clerk's words. */
export function spiegaRifiutoP003(errori: readonly ErroreAnpr[]): string | null {
  for (const e of errori) {
    const esito = /Esito:\s*(\d+)/.exec(e.testo)?.[1];
    if (esito === '12003') {
      return "ANPR non consente questo cambio di stato dallo stato in cui la richiesta si trova ora (EN148, esito 12003): nel frattempo lo stato può essere cambiato dal cittadino, da un altro operatore o dalla web application ANPR. La scheda è stata riletta da ANPR: scegliere una delle azioni ora disponibili.";
    }
    if (esito === '12004') return 'ANPR richiede le note per questo cambio di stato (EN148, esito 12004): ripetere l’azione scrivendo le note.';
  }
  return null;
}

export function descrizioneCambio(verso: string | null): string {
  return verso === 'proroga' ? 'Proroga della scadenza' : `Passaggio a «${titoloStato(verso ?? '')}»`;
}

export interface Richiesta {
  codice: string;
  tipologia: string;
  stato: string;
  chiusa: boolean;
}

export interface CambioStato {
  verso: string;
  note?: string | undefined;
  motivo?: string | undefined;
}

export interface PraticheRichiestaDeps {
  coda: Pick<CodaHost, 'queue'>;
  logger: Logger;
  /** "COGNOME NOME" of an operator (the P003 `operatore` ANPR records), by codice fiscale. */
  nomeOperatore(codiceFiscale: string): string;
}

export function createPraticheRichiesta(deps: PraticheRichiestaDeps) {
  const log = deps.logger.child('richieste');

  /** Every pratica of the request (not discarded), newest first. */
  const diRichiesta = async (codice: string): Promise<Pratica[]> =>
    (await deps.coda.queue())
      .list({ richiesta: codice })
      .filter((p) => !p.scartata)
      // The queue lists oldest first (creation, then insertion order).
      .reverse();

  const vistaPratica = (p: Pratica): PraticaDellaRichiesta => {
    const l = p.metadati.richiesta!;
    const titolo = (TITOLI_SERVIZIO as Readonly<Record<string, string>>)[p.servizio] ?? p.servizio;
    return {
      praticaId: p.id,
      servizio: p.servizio,
      titolo,
      stato: p.stato,
      ruolo: l.ruolo,
      descrizione: l.ruolo === 'cambio_stato' ? descrizioneCambio(l.verso) : `${titolo} avviata dalla richiesta`,
      messaggio: (p.stato === 'respinta' ? spiegaRifiutoP003(p.errori) : null) ?? (p.stato === 'accolta' ? null : p.messaggio),
      creata: p.creata,
      aggiornata: p.aggiornata,
    };
  };

  const cambioInCoda = (pratiche: readonly Pratica[]) => pratiche.find((p) => p.metadati.richiesta?.ruolo === 'cambio_stato' && NON_CONCLUSI.has(p.stato));
  const registrazione = (pratiche: readonly Pratica[]) => pratiche.find((p) => p.metadati.richiesta?.ruolo === 'registrazione');

  /**
   * The step to confirm once ANPR accepted the registration started from the request and the request has not
   * followed: a residence declaration in charge (3) → accolta con riserva (12); a correction in charge → accolta (5).
   */
  const suggerita = (r: Richiesta, pratiche: readonly Pratica[]): { verso: string; perche: string } | null => {
    if (r.chiusa || r.stato !== '3' || cambioInCoda(pratiche)) return null;
    const reg = registrazione(pratiche);
    if (!reg || !STATI_ACCOLTI.has(reg.stato)) return null;
    const verso = r.tipologia === '2' || r.tipologia === '4' ? '12' : '5';
    if (!transizione(r.tipologia as TipologiaRichiesta, r.stato, verso)) return null;
    const titolo = (TITOLI_SERVIZIO as Readonly<Record<string, string>>)[reg.servizio] ?? reg.servizio;
    const giorno = reg.aggiornata.slice(0, 10).split('-').reverse().join('/');
    return {
      verso,
      perche:
        verso === '12'
          ? `ANPR ha accolto la pratica ${reg.servizio} (${titolo}) il ${giorno}: il cambio di residenza è registrato. Confermare il passaggio della richiesta a «Accolta con riserva»; i 45 giorni per gli accertamenti decorrono dalla dichiarazione.`
          : `ANPR ha accolto la pratica ${reg.servizio} (${titolo}) il ${giorno}: la rettifica è registrata. Confermare la chiusura della richiesta come «Accolta definitivamente».`,
    };
  };

  /** The change as the clerk asked it, checked against the state machine from the state last read. */
  const controlla = (r: Richiesta, c: CambioStato): void => {
    const tipologia = r.tipologia as TipologiaRichiesta;
    if (r.chiusa || STATI_FINALI.includes(r.stato as StatoRichiesta)) {
      throw new AppError('RICHIESTA_CHIUSA', `La richiesta ${r.codice} è chiusa («${titoloStato(r.stato)}»): non sono possibili altri cambi di stato.`);
    }
    if (c.verso === 'proroga') {
      if (!PROROGABILI.includes(tipologia)) throw new AppError('CAMBIO_NON_CONSENTITO', 'Per questo tipo di richiesta ANPR non prevede la proroga della scadenza.');
      return;
    }
    const t = transizione(tipologia, r.stato, c.verso);
    if (!t) {
      throw new AppError(
        'CAMBIO_NON_CONSENTITO',
        `Dallo stato «${titoloStato(r.stato)}» la richiesta non può passare a «${titoloStato(c.verso)}»: ANPR lo rifiuterebbe (EN148, esito 12003). Aggiornare la scheda e scegliere una delle azioni proposte.`,
      );
    }
    if (t.note && !c.note?.trim()) throw new AppError('NOTE_OBBLIGATORIE', `Per passare a «${titoloStato(c.verso)}» ANPR richiede le note (senza, risponde con l'esito 12004): scriverle prima di confermare.`);
    if (t.motivo && !c.motivo?.trim()) throw new AppError('MOTIVO_OBBLIGATORIO', `Per passare a «${titoloStato(c.verso)}» indicare il motivo.`);
  };

  return {
    diRichiesta,
    vistaPratica,
    cambioInCoda,
    registrazione,
    suggerita,

    /** One P003 pratica, pronta at once (the queue sends it when ANPR is reachable; offline it waits). */
    async cambiaStato(r: Richiesta, c: CambioStato, op: { codiceFiscale: string }): Promise<{ pratica: PraticaDellaRichiesta; messaggio: string }> {
      controlla(r, c);
      const pratiche = await diRichiesta(r.codice);
      const pendente = cambioInCoda(pratiche);
      if (pendente) {
        throw new AppError(
          'CAMBIO_IN_CODA',
          `Un cambio di stato di questa richiesta è ancora in coda (${descrizioneCambio(pendente.metadati.richiesta?.verso ?? null)}, ${ETICHETTE_STATO[pendente.stato].toLowerCase()}): attenderne l'esito prima di chiederne un altro.`,
        );
      }
      const note = c.note?.trim() || undefined;
      const motivo = c.verso !== 'proroga' && transizione(r.tipologia as TipologiaRichiesta, r.stato, c.verso)?.motivo ? c.motivo?.trim() : undefined;
      const payload = {
        criteriAggiornamento: {
          codiceRichiesta: r.codice,
          ...(c.verso === 'proroga' ? { richiestaProroga: true } : { idStatoRichiesta: c.verso }),
          ...(motivo ? { idMotivoIrricevibile: motivo } : {}),
          ...(note ? { note } : {}),
          operatore: deps.nomeOperatore(op.codiceFiscale),
        },
      };
      const forma = DATI_PRATICA.P003.safeParse(payload);
      if (!forma.success) {
        throw new AppError('CAMBIO_NON_VALIDO', `Il cambio di stato non si può inviare: ${forma.error.issues.map((i) => i.message).join('; ')}.`);
      }
      const queue = await deps.coda.queue();
      const id = queue.salvaBozza({
        servizio: 'P003',
        payload,
        operatore: op.codiceFiscale,
        metadati: { richiesta: { codiceRichiesta: r.codice, tipologia: r.tipologia, ruolo: 'cambio_stato', verso: c.verso }, avviataPer: `Richiesta online n. ${r.codice}` },
      });
      const esito = await queue.rendiPronta(id, op.codiceFiscale);
      if (!esito.ok) {
        // Nothing half-made stays behind: the draft goes, the clerk reads why.
        queue.scarta(id, op.codiceFiscale);
        log.warn('state change not valid against the XSD', { codiceRichiesta: r.codice, verso: c.verso, problemi: esito.problemi.join('; ') });
        throw new AppError('CAMBIO_NON_VALIDO', `Il cambio di stato non supera i controlli del tracciato ANPR: ${esito.problemi.join('; ')}`);
      }
      log.info('state change queued', { codiceRichiesta: r.codice, da: r.stato, verso: c.verso, pratica: id });
      const p = queue.get(id)!;
      const messaggio =
        c.verso === 'proroga'
          ? 'Richiesta di proroga in coda: viene inviata ad ANPR appena raggiungibile.'
          : `Cambio di stato in coda: la richiesta passa a «${titoloStato(c.verso)}» appena ANPR lo accoglie.`;
      return { pratica: vistaPratica(p), messaggio };
    },

    /** The registration the request asks for, started once; afterwards the same pratica. */
    async avviaPratica(r: Richiesta, proposta: PropostaPratica | null, op: { codiceFiscale: string }): Promise<Pratica> {
      const esistente = registrazione(await diRichiesta(r.codice));
      if (esistente) return esistente;
      if (!proposta) throw new AppError('NESSUNA_PRATICA', 'Per questo tipo di richiesta non è prevista una pratica da avviare: procedere dalla scheda della persona.');
      const queue = await deps.coda.queue();
      const id = queue.salvaBozza({
        servizio: proposta.servizio,
        payload: proposta.payload,
        operatore: op.codiceFiscale,
        ...(proposta.dataDecorrenza ? { dataDecorrenza: proposta.dataDecorrenza } : {}),
        ...(proposta.soggettoKey ? { soggettoKey: proposta.soggettoKey } : {}),
        // The declaration's day is its protocol date: the 2 working days to register and the 45 days run from it.
        ...(isDichiarazioneResidenza(proposta.servizio) ? { dataProtocollo: proposta.dataDichiarazione, scadenza: scadenzaDi(proposta.servizio, proposta.dataDichiarazione) } : {}),
        metadati: {
          valoriModulo: proposta.valoriModulo,
          variante: proposta.variante,
          avviataPer: proposta.avviataPer,
          richiesta: { codiceRichiesta: r.codice, tipologia: r.tipologia, ruolo: 'registrazione', verso: null },
        },
      });
      log.info('pratica started from request', { codiceRichiesta: r.codice, pratica: id, servizio: proposta.servizio, variante: proposta.variante });
      return queue.get(id)!;
    },
  };
}

export type PraticheRichiesta = ReturnType<typeof createPraticheRichiesta>;
