/**
 * Messa in esercizio (amministratore): on one screen, everything the
 * postazione needs before working with ANPR, each with its state, the reason
 * and the way to fix it; "Verifica collegamento" runs TestConn from here.
 */
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { Button } from 'design-react-kit';
import type { MessaInEsercizio as Stato, StatoVoce, VoceMessaInEsercizio } from '../../../../shared/ipc/contract';
import { bridge, unwrap } from '../../bridge';
import { messaggioErrore } from '../../format';

const STATI: Record<StatoVoce, { testo: string; classe: string }> = {
  ok: { testo: 'OK', classe: 'bg-success' },
  da_fare: { testo: 'Da fare', classe: 'bg-warning text-dark' },
  errore: { testo: 'Errore', classe: 'bg-danger' },
};

function Voce({ voce, children }: { voce: VoceMessaInEsercizio; children?: ReactNode }) {
  const stato = STATI[voce.stato];
  return (
    <li className={`voce-esercizio voce-esercizio--${voce.stato}`} data-testid={`voce-${voce.id}`} data-stato={voce.stato}>
      <div className="d-flex align-items-baseline gap-2 flex-wrap">
        <span className={`badge ${stato.classe}`}>{stato.testo}</span>
        <h2 className="h5 mb-1">{voce.titolo}</h2>
      </div>
      <p className="mb-1">{voce.motivo}</p>
      {voce.azione && (
        <p className="mb-1">
          <strong>Cosa fare:</strong> {voce.azione}
        </p>
      )}
      {voce.collegamento && (
        <p className="mb-0">
          <a href={`#${voce.collegamento.percorso}`}>{voce.collegamento.testo}</a>
        </p>
      )}
      {children}
    </li>
  );
}

export function MessaInEsercizio() {
  const [stato, setStato] = useState<Stato | null>(null);
  const [errore, setErrore] = useState<string | null>(null);
  const [verificaInCorso, setVerificaInCorso] = useState(false);
  const carica = useCallback(async () => {
    if (!bridge) return;
    try {
      setStato(await unwrap(bridge.messaInEsercizio.stato()));
      setErrore(null);
    } catch (error) {
      setErrore(messaggioErrore(error));
    }
  }, []);
  useEffect(() => void carica(), [carica]);

  const verifica = async () => {
    if (!bridge) return;
    setVerificaInCorso(true);
    try {
      await unwrap(bridge.connessione.verifica());
      await carica();
    } catch (error) {
      setErrore(messaggioErrore(error));
    } finally {
      setVerificaInCorso(false);
    }
  };
  const confermaIp = async (confermato: boolean) => {
    if (!bridge) return;
    try {
      setStato(await unwrap(bridge.messaInEsercizio.confermaIp({ confermato })));
    } catch (error) {
      setErrore(messaggioErrore(error));
    }
  };

  const daSistemare = stato?.voci.filter((v) => v.stato !== 'ok').length ?? 0;
  return (
    <>
      <h1 className="h2 mb-2">Messa in esercizio</h1>
      <p>Ciò che serve a questa postazione per lavorare con ANPR. Ogni voce indica lo stato, il motivo e dove si corregge.</p>
      {errore && (
        <div className="alert alert-danger" role="alert">
          {errore}
        </div>
      )}
      {stato && (
        <>
          <div className={`alert ${stato.pronta ? 'alert-success' : 'alert-warning'}`} role="status" data-testid="esito-messa-in-esercizio">
            Ambiente in uso: <strong>{stato.etichettaAmbiente}</strong>
            {stato.ambiente !== 'SIMULATORE' && <> ({stato.endpoint})</>}.{' '}
            {stato.pronta ? 'La postazione è pronta.' : `${daSistemare} ${daSistemare === 1 ? 'voce da sistemare' : 'voci da sistemare'}.`}
          </div>
          <Button color="primary" className="mb-3" onClick={() => void verifica()} disabled={verificaInCorso}>
            {verificaInCorso ? 'Verifica in corso…' : 'Verifica collegamento'}
          </Button>
          <ol className="lista-esercizio">
            {stato.voci.map((voce) => (
              <Voce key={voce.id} voce={voce}>
                {voce.id === 'ip' && stato.ambiente !== 'SIMULATORE' && (
                  <div className="form-check mt-2">
                    <input
                      id="conferma-ip"
                      className="form-check-input"
                      type="checkbox"
                      checked={stato.ipConfermato}
                      onChange={(event) => void confermaIp(event.target.checked)}
                    />
                    <label className="form-check-label" htmlFor="conferma-ip">
                      Confermo che l&apos;indirizzo IP pubblico dell&apos;ufficio è registrato in ANPR per {stato.etichettaAmbiente}
                    </label>
                  </div>
                )}
              </Voce>
            ))}
          </ol>
        </>
      )}
    </>
  );
}
