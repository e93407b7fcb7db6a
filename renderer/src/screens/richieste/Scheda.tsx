/**
 * The sheet of a citizen's online request: everything P002 gave, in Italian,
 * the state history, the attachments and the summary PDF (from the local
 * archive, their SHA-256 verified by the core), viewable, printable and
 * downloadable. No state change here yet.
 */
import { useEffect, useMemo, useState } from 'react';
import { Alert } from 'design-react-kit';
import type { DettaglioRichiesta, FileRichiesta } from '../../../../shared/ipc/contract';
import { bridge, unwrap } from '../../bridge';
import { formatData, formatDataOra, messaggioErrore } from '../../format';
import { bytesDaBase64, VisorePdf } from '../certificazione/comuni';
import { DOVUTO } from './Richieste';
import './richieste.css';

interface FileAperto {
  file: FileRichiesta;
  base64: string;
}

function dataOra(v: string | null): string {
  if (!v) return '—';
  return v.length > 10 ? formatDataOra(v) : formatData(v);
}

function Download({ aperto }: { aperto: FileAperto }) {
  const url = useMemo(() => URL.createObjectURL(new Blob([bytesDaBase64(aperto.base64)], { type: aperto.file.mime })), [aperto]);
  useEffect(() => () => URL.revokeObjectURL(url), [url]);
  return (
    <a href={url} download={aperto.file.nome} className="btn btn-outline-primary btn-sm" data-testid="scarica-file">
      Scarica {aperto.file.nome}
    </a>
  );
}

function Immagine({ aperto }: { aperto: FileAperto }) {
  const url = useMemo(() => URL.createObjectURL(new Blob([bytesDaBase64(aperto.base64)], { type: aperto.file.mime })), [aperto]);
  useEffect(() => () => URL.revokeObjectURL(url), [url]);
  return <img src={url} alt={`Allegato ${aperto.file.nome}`} className="richiesta-file-immagine" data-testid="visore-immagine" />;
}

function Visore({ aperto, onChiudi }: { aperto: FileAperto; onChiudi: () => void }) {
  return (
    <section aria-labelledby="titolo-file-aperto" className="mt-3 mb-4" data-testid="file-aperto">
      <div className="d-flex flex-wrap align-items-baseline gap-2 mb-2">
        <h3 id="titolo-file-aperto" className="h5 mb-0">{aperto.file.nome}</h3>
        <Download aperto={aperto} />
        <button type="button" className="btn btn-link btn-sm" onClick={onChiudi}>Chiudi</button>
      </div>
      <p className="small text-secondary mb-2">
        Impronta SHA-256 verificata: <code>{aperto.file.sha256}</code>
      </p>
      {aperto.file.mime === 'application/pdf' ? (
        <VisorePdf base64={aperto.base64} titolo={aperto.file.nome} onStampa={() => undefined} etichettaStampa="Stampa" />
      ) : aperto.file.mime.startsWith('image/') ? (
        <Immagine aperto={aperto} />
      ) : (
        <p>Il file non si può mostrare nella pagina: scaricarlo per aprirlo.</p>
      )}
    </section>
  );
}

function Voci({ voci }: { voci: { etichetta: string; valore: string }[] }) {
  if (!voci.length) return <p className="fst-italic">Nessun dato.</p>;
  return (
    <dl className="row richiesta-voci mb-0">
      {voci.map((v, i) => (
        <div key={`${v.etichetta}-${i}`} className="col-md-6 d-flex gap-2">
          <dt>{v.etichetta}:</dt>
          <dd className="mb-1">{v.valore}</dd>
        </div>
      ))}
    </dl>
  );
}

export function SchedaRichiesta({ codice }: { codice: string }) {
  const [d, setD] = useState<DettaglioRichiesta | null>(null);
  const [errore, setErrore] = useState<string | null>(null);
  const [aperto, setAperto] = useState<FileAperto | null>(null);
  const [erroreFile, setErroreFile] = useState<string | null>(null);

  useEffect(() => {
    if (!bridge) return;
    void unwrap(bridge.richieste.dettaglio({ codiceRichiesta: codice }))
      .then(setD)
      .catch((e: unknown) => setErrore(messaggioErrore(e)));
  }, [codice]);

  const apri = async (file: FileRichiesta) => {
    if (!bridge) return;
    setErroreFile(null);
    try {
      const f = await unwrap(bridge.richieste.file({ id: file.id }));
      setAperto({ file, base64: f.base64 });
    } catch (e) {
      setAperto(null);
      setErroreFile(messaggioErrore(e));
    }
  };

  if (errore) {
    return (
      <>
        <p><a href="#/richieste">Torna alle richieste online</a></p>
        <h1 className="h2">Richiesta n. {codice}</h1>
        <Alert color="danger">{errore}</Alert>
      </>
    );
  }
  if (!d) return <p aria-live="polite">Caricamento…</p>;
  const s = d.sintesi;
  const file = [...(d.riepilogo ? [{ f: d.riepilogo, ruolo: 'Riepilogo della richiesta (ANPR)' }] : []), ...d.allegati.map((f) => ({ f, ruolo: 'Allegato del cittadino' }))];
  return (
    <>
      <p><a href="#/richieste">Torna alle richieste online</a></p>
      <h1 className="h2">{s.tipologiaTitolo} n. {s.codiceRichiesta}</h1>
      <p className="mb-2">
        Stato: <strong data-testid="richiesta-stato">{s.statoTitolo}</strong>
        {s.dovuto && <span className={`badge ms-2 ${DOVUTO[s.dovuto].classe}`}>{DOVUTO[s.dovuto].testo}</span>}
      </p>
      <p className="small mb-3" data-testid="richiesta-letta-il">
        Dati letti da ANPR il {formatDataOra(d.lettaIl)}
        {d.daArchivio && ' (archivio locale)'}
      </p>
      {d.avviso && <Alert color="warning" data-testid="richiesta-avviso">{d.avviso}</Alert>}

      <section aria-labelledby="titolo-date" className="mb-4">
        <h2 id="titolo-date" className="h4">Date e scadenze</h2>
        <Voci
          voci={[
            { etichetta: 'Presentata il', valore: dataOra(s.dataApertura) },
            ...(s.scadenze.presaInCarico ? [{ etichetta: 'Presa in carico entro', valore: formatData(s.scadenze.presaInCarico) }] : []),
            ...(s.scadenze.conclusione ? [{ etichetta: 'Conclusione entro', valore: formatData(s.scadenze.conclusione) }] : []),
            ...(s.scadenze.anpr ? [{ etichetta: 'Scadenza indicata da ANPR', valore: formatData(s.scadenze.anpr) }] : []),
            { etichetta: 'Ultimo aggiornamento', valore: dataOra(d.dataUltimoAggiornamento) },
            { etichetta: 'Chiusa il', valore: dataOra(d.dataChiusura) },
            { etichetta: 'Proroghe', valore: String(d.numeroProroghe) },
            ...(d.idANPR ? [{ etichetta: 'ID ANPR', valore: d.idANPR }] : []),
            ...(d.note ? [{ etichetta: 'Note', valore: d.note }] : []),
          ]}
        />
      </section>

      <section aria-labelledby="titolo-persone" className="mb-4">
        <h2 id="titolo-persone" className="h4">Richiedente e interessato</h2>
        <Voci
          voci={[
            { etichetta: 'Richiedente', valore: d.richiedente ? `${d.richiedente.nominativo}${d.richiedente.codiceFiscale ? ` (${d.richiedente.codiceFiscale})` : ''}` : s.richiedente },
            ...(d.richiedente?.dataNascita ? [{ etichetta: 'Nato/a il', valore: formatData(d.richiedente.dataNascita) }] : []),
            { etichetta: 'Interessato', valore: d.interessato ? `${d.interessato.nominativo}${d.interessato.codiceFiscale ? ` (${d.interessato.codiceFiscale})` : ''}` : s.interessato },
            ...d.recapiti,
          ]}
        />
      </section>

      {d.indirizzo.length > 0 && (
        <section aria-labelledby="titolo-indirizzo" className="mb-4">
          <h2 id="titolo-indirizzo" className="h4">Indirizzo dichiarato</h2>
          <address data-testid="richiesta-indirizzo">
            {d.indirizzo.map((r) => (
              <span key={r} className="d-block">{r}</span>
            ))}
          </address>
        </section>
      )}

      {d.componenti.length > 0 && (
        <section aria-labelledby="titolo-componenti" className="mb-4">
          <h2 id="titolo-componenti" className="h4">Componenti coinvolti</h2>
          <div className="table-responsive tabella-dati">
            <table className="table table-sm">
              <caption className="visually-hidden">Componenti coinvolti e loro accettazione</caption>
              <thead>
                <tr>
                  <th scope="col">Nominativo</th>
                  <th scope="col">Codice fiscale</th>
                  <th scope="col">Parentela (codice)</th>
                  <th scope="col">Accettazione</th>
                  <th scope="col">Patente</th>
                  <th scope="col">Veicoli</th>
                </tr>
              </thead>
              <tbody>
                {d.componenti.map((c, i) => (
                  <tr key={`${c.nominativo}-${i}`}>
                    <td>{c.nominativo}</td>
                    <td>{c.codiceFiscale ?? '—'}</td>
                    <td>{c.parentela ?? '—'}</td>
                    <td>{c.accettazione}{c.dataAccettazione ? ` il ${formatData(c.dataAccettazione)}` : ''}</td>
                    <td>{c.patente ? 'Sì' : 'No'}</td>
                    <td>{c.veicoli ? 'Sì' : 'No'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}

      {d.datiSpecifici && (
        <section aria-labelledby="titolo-specifici" className="mb-4">
          <h2 id="titolo-specifici" className="h4">{d.datiSpecifici.titolo}</h2>
          <Voci voci={d.datiSpecifici.voci} />
        </section>
      )}

      <section aria-labelledby="titolo-storico" className="mb-4">
        <h2 id="titolo-storico" className="h4">Storia degli stati</h2>
        <div className="table-responsive tabella-dati">
          <table className="table table-sm" data-testid="richiesta-storico">
            <caption className="visually-hidden">Stati della richiesta, con note e operatore</caption>
            <thead>
              <tr>
                <th scope="col">Data</th>
                <th scope="col">Stato</th>
                <th scope="col">Operatore</th>
                <th scope="col">Note</th>
              </tr>
            </thead>
            <tbody>
              {(d.storicoStati.length ? d.storicoStati : [d.statoCorrente]).map((x, i) => (
                <tr key={`${x.stato}-${i}`}>
                  <td>{dataOra(x.data)}</td>
                  <td>{x.statoTitolo}</td>
                  <td>{x.operatore ?? '—'}</td>
                  <td>{x.note ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="titolo-allegati" className="mb-4">
        <h2 id="titolo-allegati" className="h4">Allegati e riepilogo</h2>
        {file.length === 0 ? (
          <p className="fst-italic">Nessun file.</p>
        ) : (
          <ul className="list-unstyled" data-testid="richiesta-allegati">
            {file.map(({ f, ruolo }) => (
              <li key={f.id} className="d-flex flex-wrap align-items-baseline gap-2 mb-2">
                <span>
                  <strong>{f.nome}</strong> — {ruolo}, {f.formato}, {Math.max(1, Math.round(f.byte / 1024))} kB
                </span>
                <button type="button" className="btn btn-primary btn-sm" onClick={() => void apri(f)} aria-label={`Apri ${f.nome}`}>
                  Apri
                </button>
              </li>
            ))}
          </ul>
        )}
        {erroreFile && <Alert color="danger" data-testid="errore-file">{erroreFile}</Alert>}
        {aperto && <Visore aperto={aperto} onChiudi={() => setAperto(null)} />}
      </section>
    </>
  );
}
