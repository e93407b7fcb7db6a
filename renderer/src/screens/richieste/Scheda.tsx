/**
 * The sheet of a citizen's online request: everything P002 gave, in Italian,
 * the state history, the attachments and the summary PDF (from the local
 * archive, their SHA-256 verified by the core), viewable, printable and
 * downloadable. The actions the state machine allows from the current state
 * (each confirmed in a dialog, sent as a P003 through the queue), the step the
 * core suggests after an accepted pratica, the pratiche of the request and
 * "Avvia la pratica" (the registration it asks for, pre-filled). Reloaded live
 * on `richieste.cambiate` and on `pratiche.cambiata` of its own pratiche.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Button, Callout } from 'design-react-kit';
import type { AzioneRichiesta, DettaglioRichiesta, FileRichiesta, PraticaDellaRichiesta } from '../../../../shared/ipc/contract';
import { bridge, unwrap } from '../../bridge';
import { formatData, formatDataOra, messaggioErrore } from '../../format';
import { navigate } from '../../routing';
import { puoModificare, useSessione } from '../../session';
import { bytesDaBase64, VisorePdf } from '../certificazione/comuni';
import { STATI } from '../pratiche/etichette';
import { StatoBadge } from '../pratiche/Pratiche';
import { DialogoAzione, type EsitoAzione } from './DialogoAzione';
import { DOVUTO } from './Richieste';
import './richieste.css';

/** Events arriving close together (a read of ANPR, a pratica moving through the queue) reload the sheet once. */
const RITARDO_RICARICA_MS = 300;

const RUOLI: Record<PraticaDellaRichiesta['ruolo'], string> = {
  cambio_stato: 'Cambio di stato',
  registrazione: 'Registrazione',
};

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

/** The pratiche of the queue that belong to this request (P003 state changes, the registration started from it). */
function PraticheDellaRichiesta({ pratiche }: { pratiche: PraticaDellaRichiesta[] }) {
  return (
    <section aria-labelledby="titolo-pratiche-richiesta" className="mb-4" data-testid="richiesta-pratiche">
      <h2 id="titolo-pratiche-richiesta" className="h4">Pratiche della richiesta</h2>
      {pratiche.length === 0 ? (
        <p className="fst-italic">Nessuna pratica.</p>
      ) : (
        <div className="table-responsive tabella-dati">
          <table className="table table-sm align-middle">
            <caption className="visually-hidden">Pratiche della richiesta, la più recente per prima</caption>
            <thead>
              <tr>
                <th scope="col">Pratica</th>
                <th scope="col">Ruolo</th>
                <th scope="col">Descrizione</th>
                <th scope="col">Stato</th>
                <th scope="col">Messaggio</th>
                <th scope="col">Aggiornata</th>
              </tr>
            </thead>
            <tbody>
              {pratiche.map((p) => (
                <tr key={p.praticaId} data-testid={`richiesta-pratica-${p.praticaId}`}>
                  <td>
                    <a href={`#/pratiche/${p.praticaId}`}>{p.titolo}</a> <span className="small text-secondary">({p.servizio})</span>
                  </td>
                  <td>{RUOLI[p.ruolo]}</td>
                  <td>{p.descrizione}</td>
                  <td>
                    <StatoBadge stato={p.stato} />
                  </td>
                  <td>{p.messaggio ?? '—'}</td>
                  <td>{dataOra(p.aggiornata)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** "Avvia la pratica" (the registration the request asks for, pre-filled from P002) or, once started, its link. */
function AvviaPratica({ codice, pratica, modifica }: { codice: string; pratica: NonNullable<DettaglioRichiesta['praticaDaAvviare']>; modifica: boolean }) {
  const [inCorso, setInCorso] = useState(false);
  const [errore, setErrore] = useState<string | null>(null);
  const avvia = async () => {
    if (!bridge) return;
    setInCorso(true);
    setErrore(null);
    try {
      const p = await unwrap(bridge.richieste.avviaPratica({ codiceRichiesta: codice }));
      navigate(`/pratiche/${p.id}`);
    } catch (e) {
      setErrore(messaggioErrore(e));
      setInCorso(false);
    }
  };
  if (!pratica.praticaId && !modifica) return null;
  return (
    <div className="mt-3" data-testid="richiesta-avvia-pratica">
      {pratica.praticaId ? (
        <a className="btn btn-outline-primary" href={`#/pratiche/${pratica.praticaId}`}>
          Apri la pratica: {pratica.titolo}
        </a>
      ) : (
        <Button color="primary" type="button" disabled={inCorso} onClick={() => void avvia()}>
          Avvia la pratica: {pratica.titolo}
        </Button>
      )}
      {errore && (
        <div className="alert alert-danger py-2 mt-2 mb-0" role="alert" data-testid="richiesta-errore-avvio">
          {errore}
        </div>
      )}
    </div>
  );
}

/** What the clerk can do with the request now: the allowed actions, or why there are none. */
function Azioni({ d, modifica, onAzione }: { d: DettaglioRichiesta; modifica: boolean; onAzione: (a: AzioneRichiesta) => void }) {
  const coda = d.cambioInCoda;
  return (
    <section aria-labelledby="titolo-azioni" className="mb-4" data-testid="richiesta-azioni">
      <h2 id="titolo-azioni" className="h4">Azioni</h2>
      {coda ? (
        <Callout highlight className="my-2" testId="richiesta-cambio-in-coda">
          <div className="mb-1 fw-semibold">
            Cambio di stato in coda: {coda.descrizione} — {STATI[coda.stato].testo}
          </div>
          {coda.messaggio && <div className="mb-1">{coda.messaggio}</div>}
          <div className="mb-0 small">
            Fino al suo esito non sono possibili altri cambi di stato. <a href={`#/pratiche/${coda.praticaId}`}>Apri la pratica</a>
          </div>
        </Callout>
      ) : d.azioni.length > 0 && !modifica ? (
        <p className="mb-0 fst-italic">Il ruolo di consultazione non consente cambi di stato.</p>
      ) : d.azioni.length > 0 ? (
        <ul className="list-inline mb-0">
          {d.azioni.map((a) => (
            <li key={a.verso} className="list-inline-item mb-2">
              <Button color="primary" outline type="button" onClick={() => onAzione(a)}>
                {a.etichetta}
              </Button>
            </li>
          ))}
        </ul>
      ) : d.sintesi.chiusa ? (
        <p className="mb-0" data-testid="richiesta-chiusa">La richiesta è chiusa: non sono possibili altri cambi di stato.</p>
      ) : (
        <p className="mb-0 fst-italic">Nessun cambio di stato possibile ora.</p>
      )}
      {d.praticaDaAvviare && <AvviaPratica codice={d.sintesi.codiceRichiesta} pratica={d.praticaDaAvviare} modifica={modifica} />}
    </section>
  );
}

/** The action's message once its P003 is no longer in the queue: ANPR's outcome, in the clerk's words. */
function esitoAggiornato(e: { messaggio: string; praticaId: string; tono: 'success' | 'danger' }, d: DettaglioRichiesta) {
  if (d.cambioInCoda?.praticaId === e.praticaId) return e;
  const p = d.pratiche.find((x) => x.praticaId === e.praticaId);
  if (!p) return e;
  if (p.stato === 'accolta' || p.stato === 'accolta_con_avvisi') return { ...e, tono: 'success' as const, messaggio: `ANPR ha accolto il cambio: la richiesta è ora «${d.sintesi.statoTitolo}».` };
  if (p.stato === 'respinta') return { ...e, tono: 'danger' as const, messaggio: `ANPR ha rifiutato il cambio. ${p.messaggio ?? ''}`.trim() };
  return e;
}

export function SchedaRichiesta({ codice }: { codice: string }) {
  const modifica = puoModificare(useSessione().sessione.ruolo);
  const [d, setD] = useState<DettaglioRichiesta | null>(null);
  const [errore, setErrore] = useState<string | null>(null);
  const [aperto, setAperto] = useState<FileAperto | null>(null);
  const [erroreFile, setErroreFile] = useState<string | null>(null);
  /** What the last confirmed action did: queued, then ANPR's outcome once its P003 has one. */
  const [esito, setEsito] = useState<{ messaggio: string; praticaId: string; tono: 'success' | 'danger' } | null>(null);
  /** The action whose dialog is shown (kept during the closing transition); `n` gives each opening a fresh form. */
  const [dialogo, setDialogo] = useState<{ azione: AzioneRichiesta; n: number } | null>(null);
  const [dialogoAperto, setDialogoAperto] = useState(false);
  const aperture = useRef(0);
  /** Only the latest answer is shown (a slow reload never overwrites a newer one). */
  const richieste = useRef(0);
  /** The pratiche of this request, for `pratiche.cambiata`. */
  const praticheRef = useRef<Set<string>>(new Set());
  const esitoRef = useRef<HTMLDivElement>(null);
  /** After a confirmed action the focus goes to its outcome (the button that opened the dialog may be gone). */
  const focusEsito = useRef(false);

  const carica = useCallback(async () => {
    if (!bridge) return;
    const n = ++richieste.current;
    try {
      const nuovo = await unwrap(bridge.richieste.dettaglio({ codiceRichiesta: codice }));
      if (n !== richieste.current) return;
      praticheRef.current = new Set([...nuovo.pratiche.map((p) => p.praticaId), ...(nuovo.cambioInCoda ? [nuovo.cambioInCoda.praticaId] : []), ...(nuovo.praticaDaAvviare?.praticaId ? [nuovo.praticaDaAvviare.praticaId] : [])]);
      setD(nuovo);
      setEsito((e) => (e ? esitoAggiornato(e, nuovo) : null));
      setErrore(null);
    } catch (e) {
      // A failed reload keeps the sheet on screen; only the first load shows the error instead of it.
      if (n === richieste.current) setErrore((prima) => prima ?? messaggioErrore(e));
    }
  }, [codice]);

  useEffect(() => {
    void carica();
  }, [carica]);

  // Live: a read of ANPR, or one of this request's pratiche moving in the queue (debounced).
  useEffect(() => {
    if (!bridge) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const ricarica = () => {
      clearTimeout(timer);
      timer = setTimeout(() => void carica(), RITARDO_RICARICA_MS);
    };
    const stopRichieste = bridge.eventi.richieste.cambiate(ricarica);
    const stopPratiche = bridge.eventi.pratiche.cambiata((e) => {
      if (praticheRef.current.has(e.praticaId)) ricarica();
    });
    return () => {
      clearTimeout(timer);
      stopRichieste();
      stopPratiche();
    };
  }, [carica]);

  const apriAzione = (azione: AzioneRichiesta) => {
    setEsito(null);
    aperture.current += 1;
    setDialogo({ azione, n: aperture.current });
    setDialogoAperto(true);
  };

  const fatto = (r: EsitoAzione) => {
    praticheRef.current.add(r.pratica.praticaId);
    focusEsito.current = true;
    setDialogoAperto(false);
    setEsito({ messaggio: r.messaggio, praticaId: r.pratica.praticaId, tono: 'success' });
    void carica();
  };

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

  if (errore && !d) {
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
  const suggerita = d.suggerita ? d.azioni.find((a) => a.verso === d.suggerita!.verso) : undefined;
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
      {esito && (
        <div className={`alert alert-${esito.tono}`} role="status" data-testid="richiesta-esito" ref={esitoRef} tabIndex={-1}>
          {esito.messaggio}
        </div>
      )}
      {d.suggerita && !d.cambioInCoda && (
        <div className="alert alert-info" data-testid="richiesta-suggerita">
          <p className="mb-2">{d.suggerita.perche}</p>
          {suggerita && modifica && (
            <Button color="primary" size="sm" type="button" onClick={() => apriAzione(suggerita)}>
              {suggerita.etichetta}
            </Button>
          )}
        </div>
      )}

      <Azioni d={d} modifica={modifica} onAzione={apriAzione} />
      <PraticheDellaRichiesta pratiche={d.pratiche} />

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

      {dialogo && (
        <DialogoAzione
          key={dialogo.n}
          codiceRichiesta={s.codiceRichiesta}
          azione={dialogo.azione}
          motivi={d.motivi}
          isOpen={dialogoAperto}
          onChiudi={() => setDialogoAperto(false)}
          onChiuso={() => {
            setDialogo((x) => (x && x.n === dialogo.n ? null : x));
            if (focusEsito.current) {
              focusEsito.current = false;
              // After the dialog has given the focus back to its opener.
              setTimeout(() => esitoRef.current?.focus(), 0);
            }
          }}
          onFatto={fatto}
        />
      )}
    </>
  );
}
