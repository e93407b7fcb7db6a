/**
 * "Avvia la correzione": which operation form fixes an anomaly, and the
 * routes the screen navigates to. The forms (another screen) read these
 * query parameters:
 *
 *   #/pratiche/nuova?servizio=<5008|5001|5005|2003|…>&soggetto=<soggettoKey>
 *                   [&cf=<codice fiscale>][&idAnpr=<ID ANPR>]&anomalia=<id>&codice=<code>
 *
 * and the person's sheet (search screen):
 *
 *   #/soggetti/<idSchedaSoggettoANPR> when the id is the numeric one,
 *   #/soggetti/anpr/<ID ANPR> for the public ID ANPR (2 letters, 5 digits, 2 letters), else
 *   #/ricerca?cf=<codice fiscale> | #/ricerca?idAnpr=<ID ANPR> (prefilled search)
 */
import { SERVIZIO, isCodiceServizio, titoloServizio } from '../../../shared/anpr/servizi';
import type { AnomaliaRiga, Correzione, VoceCatalogo } from '../../../shared/ipc/domains/anomalie';

/** A rejected registration is corrected with its own form (annulments and revocations are not corrections). */
function haModulo(servizio: string): boolean {
  return isCodiceServizio(servizio) && SERVIZIO[servizio].genere === 'registrazione';
}

/** Subentro procedures that concern the file sent at subentro, not a person: nothing to correct with a form. */
const PROCEDURE_TECNICHE = /Procedura 0(08|09|10)\b/;

export function servizioCorrezione(riga: Pick<AnomaliaRiga, 'codice' | 'servizio'>, catalogo: readonly VoceCatalogo[]): string | null {
  const procedura = catalogo.find((v) => v.procedura)?.procedura ?? '';
  if (PROCEDURE_TECNICHE.test(procedura)) return null;
  // A rejected registration: correct it and send it again with the same form.
  if (riga.servizio && haModulo(riga.servizio)) return riga.servizio;
  if (/Procedura 005\b/.test(procedura)) return '2003'; // duplicated record: cancel the duplicate
  if (/Procedura 007\b/.test(procedura) || riga.codice.startsWith('EF') || riga.codice === 'ES092') return '5001';
  return '5008';
}

export function correzionePer(riga: AnomaliaRiga, catalogo: readonly VoceCatalogo[]): Correzione | null {
  if (!riga.soggettoKey) return null;
  const servizio = servizioCorrezione(riga, catalogo);
  if (!servizio) return null;
  const q = new URLSearchParams({ servizio, soggetto: riga.soggettoKey });
  if (riga.codiceFiscale) q.set('cf', riga.codiceFiscale);
  if (riga.idAnpr) q.set('idAnpr', riga.idAnpr);
  q.set('anomalia', String(riga.id));
  q.set('codice', riga.codice);
  return { servizio, descrizione: titoloServizio(servizio), percorso: `/pratiche/nuova?${q.toString()}` };
}

export function percorsoScheda(riga: Pick<AnomaliaRiga, 'codiceFiscale' | 'idAnpr'>): string | null {
  // The numeric idSchedaSoggettoANPR opens the sheet directly (search screen's route).
  if (riga.idAnpr && /^\d{1,16}$/.test(riga.idAnpr)) return `/soggetti/${riga.idAnpr}`;
  // The public ID ANPR: the sheet's route that finds the person by it (renderer/src/screens/ricerca/SchedaPerIdAnpr.tsx).
  if (riga.idAnpr && /^[A-Z]{2}\d{5}[A-Z]{2}$/.test(riga.idAnpr)) return `/soggetti/anpr/${riga.idAnpr}`;
  if (riga.idAnpr) return `/ricerca?${new URLSearchParams({ idAnpr: riga.idAnpr }).toString()}`;
  if (riga.codiceFiscale) return `/ricerca?${new URLSearchParams({ cf: riga.codiceFiscale }).toString()}`;
  return null;
}
