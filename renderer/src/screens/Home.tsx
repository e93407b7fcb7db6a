import { useCallback, useEffect, useState } from 'react';
import { Alert, Badge, Button, Card, CardBody, CardTitle, Col, Row } from 'design-react-kit';
import type { ConteggiCoda, ConteggiRichieste, RiepilogoHome, Scadenza, StatoConnessione, StatoPratica } from '../../../shared/ipc/contract';
import { bridge, unwrap } from '../bridge';
import { formatData, formatDataOra } from '../format';
import { SERVIZI } from './pratiche/etichette';
import { AvvisoCertificati } from '../components/AvvisoCertificati';
import { MessaggioErrore } from '../components/ErroreConfigurazione';
import { useSessione } from '../session';
import { UltimaLettura } from './richieste/Richieste';

/** The citizens' online requests on the Scrivania: counts from the local copy, updated on every `richieste.cambiate`. */
function CardRichieste() {
  const [conteggi, setConteggi] = useState<ConteggiRichieste | null>(null);
  const [lettura, setLettura] = useState(false);
  const [messaggio, setMessaggio] = useState<string | null>(null);
  useEffect(() => {
    if (!bridge) return;
    void unwrap(bridge.richieste.conteggi())
      .then(setConteggi)
      .catch((e: unknown) => setMessaggio(e instanceof Error ? e.message : String(e)));
    return bridge.eventi.richieste.cambiate(setConteggi);
  }, []);
  const aggiorna = async () => {
    if (!bridge) return;
    setLettura(true);
    setMessaggio(null);
    try {
      const esito = await unwrap(bridge.richieste.aggiorna());
      setMessaggio(esito.messaggio);
      setConteggi(await unwrap(bridge.richieste.conteggi()));
    } catch (e) {
      setMessaggio(e instanceof Error ? e.message : String(e));
    } finally {
      setLettura(false);
    }
  };
  return (
    <section aria-labelledby="titolo-richieste" className="mb-4" data-testid="card-richieste">
      <Card className="stato-card shadow-sm">
        <CardBody>
          <div className="d-flex align-items-baseline justify-content-between">
            <CardTitle tag="h2" className="h4" id="titolo-richieste">Richieste online</CardTitle>
            <Button color="primary" size="xs" outline onClick={() => void aggiorna()} disabled={lettura} data-testid="card-richieste-aggiorna">
              {lettura ? 'Lettura in corso…' : 'Aggiorna da ANPR'}
            </Button>
          </div>
          {conteggi === null ? (
            <p aria-live="polite">Caricamento…</p>
          ) : (
            <>
              <dl className="conteggi-coda" data-testid="conteggi-richieste">
                <div data-testid="richieste-da-prendere">
                  <dt>Da prendere in carico</dt>
                  <dd className="conteggio">{conteggi.daPrendereInCarico}</dd>
                </div>
                <div data-testid="richieste-in-scadenza">
                  <dt>In scadenza</dt>
                  <dd className="conteggio">{conteggi.inScadenza}</dd>
                </div>
                <div data-testid="richieste-scadute">
                  <dt>Scadute</dt>
                  <dd className="conteggio">{conteggi.scadute}</dd>
                </div>
              </dl>
              <UltimaLettura lettaIl={conteggi.lettaIl} />
            </>
          )}
          <div aria-live="polite">{messaggio && <p className="small text-danger mb-1">{messaggio}</p>}</div>
          <a href="#/richieste">Apri le richieste online ({conteggi?.aperte ?? 0} aperte)</a>
        </CardBody>
      </Card>
    </section>
  );
}

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

  const [scadenze, setScadenze] = useState<Scadenza[] | null>(null);
  const [erroreScadenze, setErroreScadenze] = useState<unknown>(null);
  const { sessione } = useSessione();
  useEffect(() => setConnessione(riepilogo.connessione), [riepilogo.connessione]);
  useEffect(() => {
    if (!bridge) return;
    // Counts may have changed while another screen was open: read them again.
    void unwrap(bridge.home.riepilogo())
      .then((r) => setCoda(r.coda))
      .catch(() => undefined);
    const carica = () =>
      void unwrap(bridge!.pratiche.scadenze({ entroGiorni: 60 }))
        .then((s) => {
          setScadenze(s);
          setErroreScadenze(null);
        })
        // Never a false "Nessuna scadenza": say why they cannot be read.
        .catch((e: unknown) => setErroreScadenze(e));
    carica();
    return bridge.eventi.pratiche.cambiata(carica);
  }, []);
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
      {connessione.versioni?.messaggio && (
        <Alert color={connessione.versioni.supportata ? 'info' : 'danger'} data-testid="avviso-versione-anpr">
          <strong>{connessione.versioni.supportata ? 'Nuova versione di ANPR' : 'Versione di ANPR non più accettata'}</strong>
          <br />
          {connessione.versioni.messaggio}
          <br />
          <span className="small">Elenco delle versioni letto da ANPR il {formatDataOra(connessione.versioni.verificateIl)}.</span>
        </Alert>
      )}
      {riepilogo.ambiente.tipo !== 'SIMULATORE' && sessione.ruolo === 'amministratore' && (
        <p className="mb-3">
          <a href="#/messa-in-esercizio" className="fw-semibold">
            Messa in esercizio: controlla che la postazione sia pronta per {riepilogo.ambiente.etichetta}
          </a>
        </p>
      )}
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
      <CardRichieste />
      <section aria-labelledby="titolo-coda">
        <div className="d-flex align-items-baseline justify-content-between mb-2">
          <h2 id="titolo-coda" className="h4">Pratiche</h2>
          <Button color="primary" size="xs" outline onClick={onAggiorna}>Aggiorna</Button>
        </div>
        <p className="mb-2">
          <a href="#/pratiche">Apri l&apos;elenco delle pratiche</a>
        </p>
        <dl className="conteggi-coda" data-testid="conteggi-coda">
          {(Object.keys(ETICHETTE_STATI) as StatoPratica[]).map((statoPratica) => (
            <div key={statoPratica} data-testid={`coda-${statoPratica}`}>
              <dt>{ETICHETTE_STATI[statoPratica]}</dt>
              <dd className="conteggio">{coda[statoPratica]}</dd>
            </div>
          ))}
        </dl>
      </section>
      <section aria-labelledby="titolo-scadenze" className="mt-4" data-testid="scadenze">
        <h2 id="titolo-scadenze" className="h4">Scadenze delle dichiarazioni di residenza</h2>
        <p className="small text-secondary mb-2">2 giorni lavorativi per registrare la dichiarazione; 45 giorni per gli accertamenti, dalla data di protocollo.</p>
        {erroreScadenze !== null ? (
          <Alert color="danger" data-testid="errore-scadenze">
            Scadenze non disponibili: <MessaggioErrore errore={erroreScadenze} />
          </Alert>
        ) : scadenze === null ? (
          <p aria-live="polite">Caricamento…</p>
        ) : scadenze.length === 0 ? (
          <p className="fst-italic">Nessuna scadenza nei prossimi 60 giorni.</p>
        ) : (
          <div className="table-responsive tabella-dati">
            <table className="table table-sm align-middle mb-0">
              <caption className="visually-hidden">Scadenze</caption>
              <thead>
                <tr>
                  <th scope="col">Scadenza</th>
                  <th scope="col">Adempimento</th>
                  <th scope="col">Pratica</th>
                  <th scope="col">Protocollo</th>
                  <th scope="col">Giorni</th>
                </tr>
              </thead>
              <tbody>
                {scadenze.map((s) => (
                  <tr key={`${s.praticaId}-${s.tipo}`}>
                    <td className="fw-semibold">{formatData(s.scadenza)}</td>
                    <td>{s.tipo === 'registrazione' ? 'Registrazione in ANPR' : 'Accertamenti sulla dimora'}</td>
                    <td>
                      <a href={`#/pratiche?id=${s.praticaId}`}>
                        {s.servizio} {SERVIZI[s.servizio] ?? ''}
                      </a>
                    </td>
                    <td>{s.protocollo ?? '—'}</td>
                    <td className={s.giorni < 0 ? 'text-danger fw-bold' : s.giorni <= 2 ? 'fw-bold' : undefined}>
                      {s.giorni < 0 ? `scaduta da ${-s.giorni}` : s.giorni === 0 ? 'oggi' : s.giorni}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
