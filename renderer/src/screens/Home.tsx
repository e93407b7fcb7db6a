import { useCallback, useEffect, useState } from 'react';
import { Alert, Badge, Button, Card, CardBody, CardTitle, Col, Row } from 'design-react-kit';
import type { ConteggiCoda, RiepilogoHome, StatoConnessione, StatoPratica } from '../../../shared/ipc/contract';
import { bridge, unwrap } from '../bridge';
import { formatDataOra } from '../format';
import { AvvisoCertificati } from '../components/AvvisoCertificati';

const ETICHETTE_STATI: Record<StatoPratica, string> = {
  bozza: 'Bozze',
  pronta: 'Pronte per l\'invio',
  in_invio: 'In invio',
  accolta: 'Accolte',
  accolta_con_avvisi: 'Accolte con avvisi',
  respinta: 'Respinte',
  esito_incerto: 'Esito incerto',
  richiede_intervento: 'Richiedono intervento',
};

const CONNESSIONE: Record<StatoConnessione['stato'], { testo: string; colore: string }> = {
  non_verificata: { testo: 'Non verificata', colore: 'secondary' },
  raggiungibile: { testo: 'ANPR raggiungibile', colore: 'success' },
  non_raggiungibile: { testo: 'ANPR non raggiungibile', colore: 'danger' },
};

export function Home({ riepilogo, onAggiorna }: { riepilogo: RiepilogoHome; onAggiorna: () => void }) {
  const [connessione, setConnessione] = useState(riepilogo.connessione);
  const [coda, setCoda] = useState<ConteggiCoda>(riepilogo.coda);
  const [verificaInCorso, setVerificaInCorso] = useState(false);
  const [errore, setErrore] = useState<string | null>(null);

  useEffect(() => setConnessione(riepilogo.connessione), [riepilogo.connessione]);
  useEffect(() => setCoda(riepilogo.coda), [riepilogo.coda]);
  useEffect(() => {
    if (!bridge) return;
    const stopConnessione = bridge.eventi.connessione.cambiata(setConnessione);
    const stopCoda = bridge.eventi.coda.cambiata(setCoda);
    return () => {
      stopConnessione();
      stopCoda();
    };
  }, []);

  const verifica = useCallback(async () => {
    if (!bridge) return;
    setVerificaInCorso(true);
    setErrore(null);
    try {
      setConnessione(await unwrap(bridge.connessione.verifica()));
    } catch (error) {
      setErrore(error instanceof Error ? error.message : String(error));
    } finally {
      setVerificaInCorso(false);
    }
  }, []);

  const stato = CONNESSIONE[connessione.stato];
  return (
    <>
      <h1 className="h2 mb-4">Scrivania</h1>
      {errore && <Alert color="danger">{errore}</Alert>}
      <AvvisoCertificati ambiente={riepilogo.ambiente.tipo} />
      <Row className="g-3 mb-4">
        <Col lg={4}>
          <Card className="stato-card shadow-sm">
            <CardBody>
              <CardTitle tag="h2" className="h5">Comune</CardTitle>
              <p className="conteggio mb-1" data-testid="comune-denominazione">{riepilogo.comune.denominazione}</p>
              <p className="mb-0">
                Codice ISTAT <span data-testid="comune-istat">{riepilogo.comune.codiceIstat}</span>
              </p>
            </CardBody>
          </Card>
        </Col>
        <Col lg={4}>
          <Card className="stato-card shadow-sm">
            <CardBody>
              <CardTitle tag="h2" className="h5">Ambiente</CardTitle>
              <p className="mb-1 fw-semibold" data-testid="ambiente-etichetta">{riepilogo.ambiente.etichetta}</p>
              {riepilogo.ambiente.tipo === 'SIMULATORE' && (
                <span className="badge bg-warning text-dark" data-testid="badge-prova">Ambiente di prova</span>
              )}
              {riepilogo.ambiente.tipo === 'TEST' && <Badge color="secondary">TEST</Badge>}
              {riepilogo.ambiente.tipo === 'PRODUZIONE' && <Badge color="danger">PRODUZIONE</Badge>}
            </CardBody>
          </Card>
        </Col>
        <Col lg={4}>
          <Card className="stato-card shadow-sm">
            <CardBody>
              <CardTitle tag="h2" className="h5">Collegamento</CardTitle>
              <p className="mb-1">
                <span className={`badge bg-${stato.colore}`} data-testid="connessione-stato">{stato.testo}</span>
              </p>
              <p className="small mb-2">
                Ultima chiamata riuscita:{' '}
                <span data-testid="connessione-ultima">
                  {connessione.ultimaChiamataRiuscita ? formatDataOra(connessione.ultimaChiamataRiuscita) : 'nessuna'}
                </span>
                {connessione.messaggio && (
                  <>
                    <br />
                    <span data-testid="connessione-messaggio">{connessione.messaggio}</span>
                  </>
                )}
              </p>
              <Button color="primary" size="xs" outline onClick={() => void verifica()} disabled={verificaInCorso}>
                {verificaInCorso ? 'Verifica in corso…' : 'Verifica collegamento'}
              </Button>
            </CardBody>
          </Card>
        </Col>
      </Row>
      <section aria-labelledby="titolo-coda">
        <div className="d-flex align-items-baseline justify-content-between mb-2">
          <h2 id="titolo-coda" className="h4">Pratiche</h2>
          <Button color="primary" size="xs" outline onClick={onAggiorna}>Aggiorna</Button>
        </div>
        <dl className="conteggi-coda" data-testid="conteggi-coda">
          {(Object.keys(ETICHETTE_STATI) as StatoPratica[]).map((statoPratica) => (
            <div key={statoPratica} data-testid={`coda-${statoPratica}`}>
              <dt>{ETICHETTE_STATI[statoPratica]}</dt>
              <dd className="conteggio">{coda[statoPratica]}</dd>
            </div>
          ))}
        </dl>
      </section>
    </>
  );
}
