/**
 * An error message, with a link to where it is fixed when the core says the
 * postazione is not set up for ANPR (comune certificate or CA bundle missing
 * or unusable): the clerk reads what is missing instead of "errore interno".
 */
import { ApiError } from '../bridge';
import { messaggioErrore } from '../format';

const CONFIGURAZIONE = /^(CERTIFICATO_COMUNE_|CERTIFICATO_POSTAZIONE_|CA_ANPR_)/;

/** The Impostazioni section that fixes this error, if it is a configuration one. */
export function sezioneDaCorreggere(error: unknown): string | null {
  if (!(error instanceof ApiError) || !CONFIGURAZIONE.test(error.error.code)) return null;
  return error.error.code.startsWith('CA_ANPR_') ? 'imp-ca' : 'imp-certificati';
}

export function MessaggioErrore({ errore }: { errore: unknown }) {
  const sezione = sezioneDaCorreggere(errore);
  return (
    <>
      {messaggioErrore(errore)}
      {sezione && (
        <>
          {' '}
          <a href={`#/impostazioni?sezione=${sezione}`} className="fw-semibold">
            Apri Impostazioni
          </a>{' '}
          ·{' '}
          <a href="#/messa-in-esercizio" className="fw-semibold">
            Messa in esercizio
          </a>
        </>
      )}
    </>
  );
}
