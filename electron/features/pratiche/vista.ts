/**
 * What the clerk sees of a pratica: the subject it is about (name, codice
 * fiscale, family), read where its service's data put it, and the pratica
 * and submission as the IPC contract shows them.
 */
import type { InvioRow } from '../coda/store';
import type { Pratica } from '../coda/types';
import { isServizioPratica } from '../../../shared/anpr/servizi';
import { soggettoDi, type SoggettoPratica } from '../../../shared/anpr/servizi/soggetti';
import { TITOLI_TIPOLOGIA } from '../../../shared/anpr/richieste/stati';

type ConDati = Pick<Pratica, 'servizio' | 'payload'>;

/** Whom the pratica is about, where its service's data put the subject (shared/anpr/servizi/soggetti.ts). */
function soggetto(p: ConDati): SoggettoPratica | null {
  return isServizioPratica(p.servizio) ? soggettoDi(p.servizio, p.payload) : null;
}

/**
 * The subject's name of a pratica: the person its data name; when they name
 * nobody (a family's move), the person the pratica was started for (its
 * `avviataPer`, written by the form).
 */
export function nomeSoggettoDi(p: ConDati & Pick<Pratica, 'metadati'>): string | null {
  const nominato = soggetto(p)?.nome;
  if (nominato) return nominato;
  const per = p.metadati.avviataPer;
  return per?.trim() ? per.trim().toUpperCase().slice(0, 120) : null;
}

/** The codice fiscale of the subject, when the data give it. */
export const codiceFiscaleDi = (p: ConDati): string | null => soggetto(p)?.codiceFiscale ?? null;

/** The family the pratica is about (idFamigliaConvivenzaANPR), when its service names one. */
export const idFamigliaDi = (p: ConDati): string | null => soggetto(p)?.idFamiglia ?? null;

export function vista(pratica: Pratica) {
  return {
    id: pratica.id,
    servizio: pratica.servizio,
    stato: pratica.stato,
    soggettoKey: pratica.soggettoKey,
    soggettoNome: nomeSoggettoDi(pratica),
    soggettoCF: codiceFiscaleDi(pratica),
    dataDecorrenza: pratica.dataDecorrenza,
    protocollo: pratica.protocollo,
    dataProtocollo: pratica.dataProtocollo,
    scadenza: pratica.scadenza,
    operatore: pratica.operatore,
    idOperazioneComune: pratica.idOperazioneComune,
    idOperazioneANPR: pratica.idOperazioneANPR,
    errori: pratica.errori,
    messaggio: pratica.messaggio,
    scartata: pratica.scartata,
    creata: pratica.creata,
    aggiornata: pratica.aggiornata,
    variante: pratica.metadati.variante,
    daAnnullare: pratica.metadati.daAnnullare,
    avviataPer: pratica.metadati.avviataPer,
    richiesta: pratica.metadati.richiesta
      ? {
          codiceRichiesta: pratica.metadati.richiesta.codiceRichiesta,
          tipologiaTitolo: (TITOLI_TIPOLOGIA as Readonly<Record<string, string>>)[pratica.metadati.richiesta.tipologia] ?? `Tipologia ${pratica.metadati.richiesta.tipologia}`,
        }
      : null,
  };
}

export function invio(row: InvioRow) {
  return {
    idOperazioneComune: row.id_operazione_comune,
    idOperazioneANPR: row.id_operazione_anpr,
    aperto: row.aperto === 1,
    esito: row.esito,
    tentativi: row.tentativi,
    allocato: row.allocato,
    primoInvio: row.primo_invio,
    chiuso: row.chiuso,
    ultimoErrore: row.ultimo_errore,
  };
}

