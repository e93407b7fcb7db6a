/**
 * `#/soggetti/anpr/<ID ANPR>`: the person's sheet reached by the public ID
 * ANPR (as anomaly files and 3002 answers give it). A 3002 by that ID finds
 * the person; the sheet itself is keyed by idSchedaSoggettoANPR, so the
 * route is replaced by `#/soggetti/<id>` (Back does not come here again).
 */
import { useEffect, useState } from 'react';
import { Alert } from 'design-react-kit';
import { bridge, unwrap } from '../../bridge';
import { messaggioErrore } from '../../format';

export function SchedaPerIdAnpr({ idAnpr }: { idAnpr: string }) {
  const [errore, setErrore] = useState<string | null>(null);
  useEffect(() => {
    if (!bridge) return;
    let attivo = true;
    void unwrap(bridge.ricerca.soggetti({ tipo: 'idAnpr', idAnpr }))
      .then((esito) => {
        if (!attivo) return;
        const [soggetto, ...altri] = esito.soggetti;
        if (!soggetto || altri.length > 0) {
          setErrore(`Nessun soggetto univoco con ID ANPR ${idAnpr}: cercarlo dalla Ricerca.`);
          return;
        }
        window.location.replace(`#/soggetti/${soggetto.idSchedaSoggettoANPR}`);
      })
      .catch((error: unknown) => attivo && setErrore(messaggioErrore(error)));
    return () => {
      attivo = false;
    };
  }, [idAnpr]);
  return (
    <>
      <h1 className="h2 mb-3">Scheda soggetto</h1>
      {errore ? (
        <Alert color="danger">{errore}</Alert>
      ) : (
        <p aria-live="polite">Ricerca in ANPR del soggetto con ID ANPR {idAnpr}…</p>
      )}
      <a href="#/ricerca">← Vai alla ricerca</a>
    </>
  );
}
