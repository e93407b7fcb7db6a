/**
 * An address in the comune (toponimo, civico, interno): the values, their
 * checks and the `tipoResidenza` payload, shared by every form that records
 * a residence (5005 cambio di residenza, 1002 iscrizione). Fields: campi-indirizzo.tsx.
 */
import { z } from 'zod';
import { compatta, controllaIstatComune, controllaSigla, errore, maiuscolo, obbligatorio, testo } from './regole';

export interface IndirizzoValori {
  nomeComune: string;
  codiceIstat: string;
  siglaProvincia: string;
  cap: string;
  /** Specie del toponimo (Tabella 4: VIA, PIAZZA, …). */
  specie: string;
  denominazione: string;
  numero: string;
  lettera: string;
  scala: string;
  piano: string;
  interno: string;
}

export function indirizzoVuoto(i: Partial<IndirizzoValori> = {}): IndirizzoValori {
  return { nomeComune: '', codiceIstat: '', siglaProvincia: '', cap: '', specie: 'VIA', denominazione: '', numero: '', lettera: '', scala: '', piano: '', interno: '', ...i };
}

export const indirizzoZ = z.object({
  nomeComune: z.string(),
  codiceIstat: z.string(),
  siglaProvincia: z.string(),
  cap: z.string(),
  specie: z.string(),
  denominazione: z.string(),
  numero: z.string(),
  lettera: z.string(),
  scala: z.string(),
  piano: z.string(),
  interno: z.string(),
});

export function controllaIndirizzo(ctx: z.RefinementCtx, i: IndirizzoValori, path: (string | number)[]): void {
  obbligatorio(ctx, i.nomeComune, [...path, 'nomeComune'], 'Scegliere il comune dalla tabella (digitare le prime lettere).');
  controllaIstatComune(ctx, i.codiceIstat, [...path, 'codiceIstat']);
  controllaSigla(ctx, i.siglaProvincia, [...path, 'siglaProvincia']);
  if (!/^\d{5}$/.test(i.cap.trim())) errore(ctx, [...path, 'cap'], 'Il CAP è di 5 cifre (es. 01022).');
  obbligatorio(ctx, i.specie, [...path, 'specie'], 'Indicare la specie del toponimo (VIA, PIAZZA, …).');
  obbligatorio(ctx, i.denominazione, [...path, 'denominazione'], 'Indicare la denominazione della via.');
  if (!testo(i.numero)) errore(ctx, [...path, 'numero'], 'Indicare il numero civico.');
  else if (!/^\d{1,6}$/.test(i.numero.trim())) errore(ctx, [...path, 'numero'], 'Il numero civico è fatto di sole cifre (lettera ed esponente vanno a parte).');
  if (testo(i.lettera) && !/^[A-Za-z]{1,2}$/.test(i.lettera.trim())) errore(ctx, [...path, 'lettera'], 'La lettera del civico è di 1 o 2 lettere.');
  for (const k of ['scala', 'piano', 'interno'] as const) {
    if ((testo(i[k]) ?? '').length > 5) errore(ctx, [...path, k], `${k === 'scala' ? 'La scala' : k === 'piano' ? 'Il piano' : "L'interno"} è di al massimo 5 caratteri.`);
  }
}

export interface ResidenzaPayload {
  tipoIndirizzo: string;
  indirizzo: {
    cap: string;
    comune: { nomeComune: string; codiceIstat: string; siglaProvinciaIstat: string };
    toponimo: { specie: string; denominazioneToponimo: string };
    numeroCivico?: { numero: string; lettera?: string; civicoInterno?: { scala?: string; piano?: string; interno1?: string } };
  };
  dataDecorrenzaResidenza?: string;
}

export function residenzaPayload(i: IndirizzoValori, dataDecorrenza: string | undefined): ResidenzaPayload {
  const interno = compatta({ scala: maiuscolo(i.scala), piano: testo(i.piano), interno1: testo(i.interno) });
  return compatta<ResidenzaPayload>({
    tipoIndirizzo: '1',
    indirizzo: {
      cap: i.cap.trim(),
      comune: { nomeComune: maiuscolo(i.nomeComune) ?? '', codiceIstat: i.codiceIstat.trim(), siglaProvinciaIstat: maiuscolo(i.siglaProvincia) ?? '' },
      toponimo: { specie: maiuscolo(i.specie) ?? '', denominazioneToponimo: maiuscolo(i.denominazione) ?? '' },
      numeroCivico: compatta({ numero: i.numero.trim(), lettera: maiuscolo(i.lettera), civicoInterno: Object.keys(interno).length ? interno : undefined }),
    },
    dataDecorrenzaResidenza: dataDecorrenza,
  });
}

export function indirizzoDa(r: ResidenzaPayload | undefined): IndirizzoValori {
  const i = r?.indirizzo;
  return indirizzoVuoto({
    nomeComune: i?.comune.nomeComune ?? '',
    codiceIstat: i?.comune.codiceIstat ?? '',
    siglaProvincia: i?.comune.siglaProvinciaIstat ?? '',
    cap: i?.cap ?? '',
    specie: i?.toponimo.specie ?? 'VIA',
    denominazione: i?.toponimo.denominazioneToponimo ?? '',
    numero: i?.numeroCivico?.numero ?? '',
    lettera: i?.numeroCivico?.lettera ?? '',
    scala: i?.numeroCivico?.civicoInterno?.scala ?? '',
    piano: i?.numeroCivico?.civicoInterno?.piano ?? '',
    interno: i?.numeroCivico?.civicoInterno?.interno1 ?? '',
  });
}

/** "VIA DEI MILLE 12/A, scala B, piano 2, interno 5, Bagnoregio", for the review step's sentence. */
export function indirizzoInParole(v: IndirizzoValori): string {
  const t = (x: string | undefined) => (x ?? '').trim();
  const civico = [t(v.numero), t(v.lettera)].filter(Boolean).join('/');
  const via = [t(v.specie).toUpperCase(), t(v.denominazione).toUpperCase(), civico].filter(Boolean).join(' ');
  const comune = t(v.nomeComune);
  const dettagli = [t(v.scala) && `scala ${t(v.scala)}`, t(v.piano) && `piano ${t(v.piano)}`, t(v.interno) && `interno ${t(v.interno)}`].filter(Boolean);
  return [via, ...dettagli, comune ? comune.charAt(0).toUpperCase() + comune.slice(1).toLowerCase() : ''].filter(Boolean).join(', ');
}
