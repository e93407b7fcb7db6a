/**
 * Richieste online: the requests citizens filed on the ANPR portal, newest
 * first, from the local copy (labelled with the last successful read), with
 * filters by type, state and deadline, and "Aggiorna da ANPR".
 */
import { useCallback, useEffect, useState } from 'react';
import { Alert, Button } from 'design-react-kit';
import { TITOLI_STATO, TITOLI_TIPOLOGIA, type ElencoRichieste, type FiltriRichieste, type RichiestaSintesi, type TipologiaRichiestaCittadino } from '../../../../shared/ipc/contract';
import { bridge, unwrap } from '../../bridge';
import { formatData, formatDataOra, messaggioErrore } from '../../format';
import './richieste.css';

export const DOVUTO: Record<NonNullable<RichiestaSintesi['dovuto']>, { testo: string; classe: string }> = {
  oggi: { testo: 'Scade oggi', classe: 'bg-warning text-dark' },
  scaduto: { testo: 'Scaduta', classe: 'bg-danger' },
  prossimo: { testo: 'In scadenza', classe: 'bg-info text-dark' },
};

/** "Ultima lettura: …" with the last error, for the list and the Scrivania. */
export function UltimaLettura({ lettaIl, errore }: { lettaIl: string | null; errore?: string | null }) {
  return (
    <p className="small mb-2" data-testid="richieste-ultima-lettura">
      Ultima lettura: {lettaIl ? formatDataOra(lettaIl) : 'mai'}
      {errore && (
        <>
          <br />
          <span className="text-danger" data-testid="richieste-errore-lettura">{errore}</span>
        </>
      )}
    </p>
  );
}

function Scadenza({ r }: { r: RichiestaSintesi }) {
  if (r.chiusa) return <>Chiusa</>;
  return (
    <>
      {r.scadenze.presaInCarico && <span className="d-block">Presa in carico entro {formatData(r.scadenze.presaInCarico)}</span>}
      {r.scadenze.anpr ? <span className="d-block">Scadenza ANPR {formatData(r.scadenze.anpr)}</span> : r.scadenze.conclusione && <span className="d-block">Conclusione entro {formatData(r.scadenze.conclusione)}</span>}
    </>
  );
}

export function Richieste() {
  const [tipologia, setTipologia] = useState<'' | TipologiaRichiestaCittadino>('');
  const [stato, setStato] = useState('');
  const [scadenza, setScadenza] = useState<'tutte' | 'oggi' | 'scadute'>('tutte');
  const [elenco, setElenco] = useState<ElencoRichieste | null>(null);
  const [errore, setErrore] = useState<string | null>(null);
  const [lettura, setLettura] = useState(false);
  const [messaggio, setMessaggio] = useState<string | null>(null);

  const carica = useCallback(() => {
    if (!bridge) return;
    const filtri: FiltriRichieste = { scadenza };
    if (tipologia) filtri.tipologia = tipologia;
    if (stato) filtri.stato = stato;
    void unwrap(bridge.richieste.elenco(filtri))
      .then((e) => {
        setElenco(e);
        setErrore(null);
      })
      .catch((e: unknown) => setErrore(messaggioErrore(e)));
  }, [tipologia, stato, scadenza]);

  useEffect(() => {
    carica();
    if (!bridge) return;
    return bridge.eventi.richieste.cambiate(() => carica());
  }, [carica]);

  const aggiorna = async () => {
    if (!bridge) return;
    setLettura(true);
    setMessaggio(null);
    try {
      const esito = await unwrap(bridge.richieste.aggiorna());
      setMessaggio(esito.messaggio ?? (esito.nuove === 0 ? 'Nessuna nuova richiesta.' : esito.nuove === 1 ? '1 nuova richiesta.' : `${esito.nuove} nuove richieste.`));
      carica();
    } catch (e) {
      setMessaggio(messaggioErrore(e));
    } finally {
      setLettura(false);
    }
  };

  return (
    <>
      <div className="d-flex flex-wrap align-items-baseline justify-content-between gap-2 mb-2">
        <h1 className="h2 mb-0">Richieste online</h1>
        <Button color="primary" size="sm" onClick={() => void aggiorna()} disabled={lettura} data-testid="richieste-aggiorna">
          {lettura ? 'Lettura in corso…' : 'Aggiorna da ANPR'}
        </Button>
      </div>
      <p className="text-secondary">Le richieste presentate dai cittadini sul portale ANPR: dichiarazioni di residenza, rettifiche, iscrizioni dei cittadini UE.</p>
      <UltimaLettura lettaIl={elenco?.lettaIl ?? null} errore={elenco?.errore ?? null} />
      <div aria-live="polite">{messaggio && <p className="small fw-semibold" data-testid="richieste-messaggio">{messaggio}</p>}</div>
      <form className="row g-3 mb-3 richieste-filtri" onSubmit={(e) => e.preventDefault()} aria-label="Filtri delle richieste">
        <div className="col-md-4">
          <label htmlFor="filtro-tipologia" className="form-label">Tipo di richiesta</label>
          <select id="filtro-tipologia" className="form-select" value={tipologia} onChange={(e) => setTipologia(e.target.value as typeof tipologia)}>
            <option value="">Tutti i tipi</option>
            {(Object.keys(TITOLI_TIPOLOGIA) as TipologiaRichiestaCittadino[]).map((t) => (
              <option key={t} value={t}>{TITOLI_TIPOLOGIA[t]}</option>
            ))}
          </select>
        </div>
        <div className="col-md-4">
          <label htmlFor="filtro-stato" className="form-label">Stato</label>
          <select id="filtro-stato" className="form-select" value={stato} onChange={(e) => setStato(e.target.value)}>
            <option value="">Tutti gli stati</option>
            {Object.entries(TITOLI_STATO).filter(([k]) => k !== '1').map(([k, v]) => (
              <option key={k} value={k}>{v}</option>
            ))}
          </select>
        </div>
        <div className="col-md-4">
          <label htmlFor="filtro-scadenza" className="form-label">Scadenza</label>
          <select id="filtro-scadenza" className="form-select" value={scadenza} onChange={(e) => setScadenza(e.target.value as typeof scadenza)}>
            <option value="tutte">Tutte</option>
            <option value="oggi">In scadenza oggi</option>
            <option value="scadute">Scadute</option>
          </select>
        </div>
      </form>
      {errore && <Alert color="danger">{errore}</Alert>}
      {elenco === null ? (
        <p aria-live="polite">Caricamento…</p>
      ) : elenco.richieste.length === 0 ? (
        <p className="fst-italic" data-testid="richieste-vuoto">Nessuna richiesta corrisponde ai filtri.</p>
      ) : (
        <div className="table-responsive tabella-dati">
          <table className="table table-sm align-middle" data-testid="richieste-tabella">
            <caption className="visually-hidden">Richieste online dei cittadini, dalla più recente</caption>
            <thead>
              <tr>
                <th scope="col">Presentata il</th>
                <th scope="col">Tipo</th>
                <th scope="col">Stato</th>
                <th scope="col">Scadenze</th>
                <th scope="col">Richiedente</th>
                <th scope="col">Interessato</th>
                <th scope="col">Da fare</th>
              </tr>
            </thead>
            <tbody>
              {elenco.richieste.map((r) => (
                <tr key={r.codiceRichiesta} data-testid={`richiesta-${r.codiceRichiesta}`}>
                  <td>{formatData(r.dataApertura)}</td>
                  <td>
                    <a href={`#/richieste/${r.codiceRichiesta}`}>
                      {r.tipologiaTitolo}
                      <span className="visually-hidden"> n. {r.codiceRichiesta}</span>
                    </a>
                    <span className="d-block small text-secondary">n. {r.codiceRichiesta}</span>
                  </td>
                  <td>{r.statoTitolo}</td>
                  <td className="small"><Scadenza r={r} /></td>
                  <td>{r.richiedente}</td>
                  <td>{r.interessato}</td>
                  <td>{r.dovuto ? <span className={`badge ${DOVUTO[r.dovuto].classe}`}>{DOVUTO[r.dovuto].testo}</span> : r.stato === '2' && !r.chiusa ? 'Da prendere in carico' : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
