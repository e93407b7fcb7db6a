/**
 * ANPR's errors and warnings explained from the official catalogue
 * (resources/anpr/errori), tied to the field they concern, and the text a
 * clerk pastes into a ticket to ANPR's assistance.
 */
import { TITOLI_SERVIZIO } from '../../../shared/anpr/servizi';
import type { ErroreSpiegato, Supporto } from '../../../shared/ipc/domains/pratiche';
import { lookupErrore } from '../../anpr/catalogue';
import type { ErroreAnpr } from '../../anpr/outcome';
import type { Pratica } from '../coda/types';
import { etichettaCampo } from './problemi';
import { spiegaRifiutoP003 } from '../richieste/pratiche-richiesta';

/** Errors ANPR returns without naming a field, tied to the field they are about. */
const CAMPO_PER_CODICE: Record<string, string> = {
  EHR97: 'dataDecorrenza',
  EHR18: 'dataDecorrenza',
  EN237: 'dataDecorrenza',
  EN240: 'dataDecorrenza',
  EN239: 'dataDecorrenzaResidenza',
  EN134: 'idFamigliaConvivenzaANPR',
  EN135: 'idFamigliaConvivenzaANPR',
  EN204: 'codiceIstat',
  EN398: 'dataMorte',
};

export function spiegaErrore(e: ErroreAnpr): ErroreSpiegato {
  const voce = lookupErrore(e.codice);
  const campo = e.campo ?? CAMPO_PER_CODICE[e.codice.trim().toUpperCase()];
  // EN148 of P003 says what went wrong only in its "Esito" number.
  const esitoP003 = spiegaRifiutoP003([e]);
  return {
    ...e,
    ...(campo ? { campo } : {}),
    catalogo: voce
      ? { descrizione: voce.descrizione, severita: voce.severita ?? null, suggerimento: esitoP003 ?? voce.suggerimento ?? null, procedura: voce.procedura ?? null, fonte: voce.fonte }
      : esitoP003
        ? { descrizione: e.testo, severita: null, suggerimento: esitoP003, procedura: null, fonte: 'Servizio P003 (richieste online)' }
        : null,
    etichettaCampo: etichettaCampo(campo) ?? etichettaCampo(e.oggetto),
  };
}

const ETICHETTE_SERVIZIO: Readonly<Record<string, string>> = TITOLI_SERVIZIO;

export function supportoDi(p: Pratica): Supporto {
  const codici = [...new Set(p.errori.map((e) => e.codice))];
  const data = p.aggiornata;
  const righe = [
    `Servizio: ${p.servizio} (${ETICHETTE_SERVIZIO[p.servizio] ?? ''})`,
    `Data: ${data}`,
    `idOperazioneComune: ${p.idOperazioneComune ?? '—'}`,
    `idOperazioneANPR: ${p.idOperazioneANPR ?? '—'}`,
    `Stato: ${p.stato}`,
    `Codici: ${codici.length ? codici.join(', ') : '—'}`,
  ];
  return { testo: righe.join('\n'), data, servizio: p.servizio, idOperazioneComune: p.idOperazioneComune, idOperazioneANPR: p.idOperazioneANPR, codici };
}

