/**
 * One search at a time, tied to its criterion: a new search clears the
 * previous result at once, and an answer that arrives after a newer search
 * started is dropped (request counter), so the result shown is always the
 * one for the criterion shown with it.
 */
import { useCallback, useRef, useState } from 'react';
import type { CriterioRicerca, EsitoRicerca } from '../../../../shared/ipc/contract';
import { bridge, unwrap } from '../../bridge';
import { messaggioErrore } from '../../format';

export interface RisultatoRicerca {
  criterio: CriterioRicerca;
  esito: EsitoRicerca;
}

export function useRicercaSoggetti(iniziale: RisultatoRicerca | null = null) {
  const [risultato, setRisultato] = useState<RisultatoRicerca | null>(iniziale);
  const [errore, setErrore] = useState<string | null>(null);
  const [inCorso, setInCorso] = useState(false);
  const ultima = useRef(0);

  /** Forget the shown result (e.g. the criteria typed are not valid): nothing stale stays on screen. */
  const pulisci = useCallback(() => {
    ultima.current += 1;
    setRisultato(null);
    setErrore(null);
    setInCorso(false);
  }, []);

  const cerca = useCallback(async (criterio: CriterioRicerca): Promise<RisultatoRicerca | null> => {
    if (!bridge) return null;
    const numero = ++ultima.current;
    setRisultato(null);
    setErrore(null);
    setInCorso(true);
    try {
      const esito = await unwrap(bridge.ricerca.soggetti(criterio));
      if (numero !== ultima.current) return null;
      const nuovo = { criterio, esito };
      setRisultato(nuovo);
      return nuovo;
    } catch (error) {
      if (numero === ultima.current) setErrore(messaggioErrore(error));
      return null;
    } finally {
      if (numero === ultima.current) setInCorso(false);
    }
  }, []);

  return { risultato, errore, inCorso, cerca, pulisci };
}
