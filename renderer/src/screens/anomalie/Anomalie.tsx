/**
 * Anomalie ANPR: every anomaly ANPR reported about the comune's people, in
 * one virtualised list (100,000 rows: pages of 100 fetched while scrolling),
 * with type-ahead, filters, sorting, grouping, a detail pane with the
 * official explanation and procedure, the local workflow and the exports.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Alert, Button } from 'design-react-kit';
import { useVirtualizer } from '@tanstack/react-virtual';
import type {
  AnomaliaRiga,
  EsitoImportazione,
  FiltriAnomalie,
  FonteAnomalia,
  OrdinamentoAnomalie,
  Raggruppamento,
  RiepilogoAnomalie,
  SeveritaAnomalia,
  StatoAnomalia,
} from '../../../../shared/ipc/contract';
import { bridge, unwrap } from '../../bridge';
import { formatData, messaggioErrore } from '../../format';
import { CacheFinestre, PAGINA, caricaEImporta, scarica, type Vista } from './dati';
import { Dettaglio } from './Dettaglio';
import { ETICHETTA_SEVERITA, ETICHETTA_STATO } from './etichette';
import './anomalie.css';


const ALTEZZA_RIGA = 34;
const ALTEZZA_GRUPPO = 28;

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

function dataBreve(iso: string): string {
  return formatData(iso.slice(0, 10));
}

/** `formazione`: the training environment, where the simulator's own anomalies can be imported to practise. */
export function Anomalie({ formazione = false }: { formazione?: boolean } = {}) {
  const [q, setQ] = useState('');
  const [severita, setSeverita] = useState<'' | SeveritaAnomalia>('');
  const [fonte, setFonte] = useState<'' | FonteAnomalia>('');
  const [stato, setStato] = useState<'' | StatoAnomalia | 'da_lavorare'>('da_lavorare');
  const [codice, setCodice] = useState('');
  const [dal, setDal] = useState('');
  const [al, setAl] = useState('');
  const [raggruppamento, setRaggruppamento] = useState<Raggruppamento>('nessuno');
  const [ordinamento, setOrdinamento] = useState<OrdinamentoAnomalie>({ campo: 'rilevata', direzione: 'desc' });
  const [riepilogo, setRiepilogo] = useState<RiepilogoAnomalie | null>(null);
  const [totale, setTotale] = useState<number | null>(null);
  const [selezionata, setSelezionata] = useState<number | null>(null);
  const [indiceSelezionato, setIndiceSelezionato] = useState<number>(-1);
  const [errore, setErrore] = useState<string | null>(null);
  const [esito, setEsito] = useState<EsitoImportazione | null>(null);
  const [importazione, setImportazione] = useState<string | null>(null);
  const [, setVersione] = useState(0);
  const fileAnomalie = useRef<HTMLInputElement>(null);
  const fileCatalogo = useRef<HTMLInputElement>(null);
  const contenitore = useRef<HTMLDivElement>(null);
  const qRitardata = useDebounced(q, 120);

  const filtri = useMemo<FiltriAnomalie>(() => {
    const f: FiltriAnomalie = {};
    if (qRitardata.trim()) f.q = qRitardata.trim();
    if (severita) f.severita = [severita];
    if (fonte) f.fonte = [fonte];
    if (stato === 'da_lavorare') f.stato = ['aperta', 'in_lavorazione'];
    else if (stato) f.stato = [stato];
    if (codice) f.codice = codice;
    if (dal) f.dal = dal;
    if (al) f.al = al;
    return f;
  }, [qRitardata, severita, fonte, stato, codice, dal, al]);
  const vista = useMemo<Vista>(() => ({ filtri, ordinamento, raggruppamento }), [filtri, ordinamento, raggruppamento]);
  const ridisegna = useCallback(() => setVersione((v) => v + 1), []);
  const cache = useMemo(() => new CacheFinestre(vista, ridisegna), [vista, ridisegna]);

  const caricaRiepilogo = useCallback(async () => {
    if (!bridge) return;
    try {
      setRiepilogo(await unwrap(bridge.anomalie.riepilogo()));
    } catch (error) {
      setErrore(messaggioErrore(error));
    }
  }, []);
  useEffect(() => void caricaRiepilogo(), [caricaRiepilogo]);

  // A new view: first page and total in one call.
  useEffect(() => {
    if (!bridge) return;
    let attuale = true;
    void unwrap(bridge.anomalie.elenco({ ...vista, offset: 0, limite: PAGINA, conTotale: true }))
      .then((elenco) => {
        if (!attuale) return;
        cache.accetta(0, elenco);
        setTotale(elenco.totale);
        setErrore(null);
        ridisegna();
      })
      .catch((error: unknown) => attuale && setErrore(messaggioErrore(error)));
    return () => {
      attuale = false;
    };
  }, [vista, cache, ridisegna]);

  const nuovoGruppo = (i: number): boolean => {
    if (raggruppamento === 'nessuno') return false;
    const r = cache.riga(i);
    if (!r) return false;
    return i === 0 || cache.riga(i - 1)?.gruppo !== r.gruppo;
  };

  const virtualizer = useVirtualizer({
    count: totale ?? 0,
    getScrollElement: () => contenitore.current,
    estimateSize: (i) => (nuovoGruppo(i) ? ALTEZZA_RIGA + ALTEZZA_GRUPPO : ALTEZZA_RIGA),
    overscan: 12,
  });
  const elementi = virtualizer.getVirtualItems();
  const primo = elementi[0]?.index ?? 0;
  const ultimo = elementi[elementi.length - 1]?.index ?? 0;
  useEffect(() => {
    if (totale) cache.assicura(primo, ultimo);
  }, [cache, primo, ultimo, totale]);
  // Group headers change row heights once their rows arrive.
  useEffect(() => {
    virtualizer.measure();
  }, [virtualizer, cache, raggruppamento, cache.pagine.size]);
  useEffect(() => {
    contenitore.current?.scrollTo({ top: 0 });
    setIndiceSelezionato(-1);
  }, [vista]);

  const seleziona = (i: number) => {
    const r = cache.riga(i);
    if (!r) return;
    setIndiceSelezionato(i);
    setSelezionata(r.id);
  };

  const tastiera = (e: KeyboardEvent<HTMLDivElement>) => {
    if (!totale) return;
    const passo = e.key === 'ArrowDown' ? 1 : e.key === 'ArrowUp' ? -1 : e.key === 'PageDown' ? 15 : e.key === 'PageUp' ? -15 : 0;
    if (!passo) return;
    e.preventDefault();
    const i = Math.max(0, Math.min(totale - 1, (indiceSelezionato < 0 ? -1 : indiceSelezionato) + passo));
    virtualizer.scrollToIndex(i, { align: 'auto' });
    cache.assicura(i, i);
    seleziona(i);
  };

  /** Same filters, fresh data (after an import, or when ANPR's answers brought new anomalies). */
  const ricarica = useCallback(async () => {
    if (!bridge) return;
    await caricaRiepilogo();
    const elenco = await unwrap(bridge.anomalie.elenco({ ...vista, offset: 0, limite: PAGINA, conTotale: true }));
    cache.pagine.clear();
    cache.accetta(0, elenco);
    setTotale(elenco.totale);
    ridisegna();
  }, [caricaRiepilogo, vista, cache, ridisegna]);

  // Live: anomalies arriving from ANPR's answers (queue) or from reads (3002) while the list is open.
  const [novita, setNovita] = useState<string | null>(null);
  const ricaricaRef = useRef(ricarica);
  ricaricaRef.current = ricarica;
  useEffect(() => {
    if (!bridge) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let inserite = 0;
    let sanate = 0;
    const stacca = bridge.eventi.anomalie.cambiate((e) => {
      // This screen's own imports and state changes refresh it already.
      if (e.origine === 'file' || e.origine === 'lavorazione') return;
      inserite += e.inserite;
      sanate += e.sanate;
      clearTimeout(timer);
      timer = setTimeout(() => {
        const parti = [inserite ? `${inserite} ${inserite === 1 ? 'nuova anomalia' : 'nuove anomalie'}` : null, sanate ? `${sanate} ${sanate === 1 ? 'sanata' : 'sanate'}` : null].filter(Boolean);
        setNovita(`Elenco aggiornato dalle risposte di ANPR: ${parti.join(', ')}.`);
        inserite = 0;
        sanate = 0;
        void ricaricaRef.current().catch((error: unknown) => setErrore(messaggioErrore(error)));
      }, 400);
    });
    return () => {
      clearTimeout(timer);
      stacca();
    };
  }, []);

  const importa = async (file: File | undefined, destinazione: 'anomalie' | 'catalogo') => {
    if (!file) return;
    setEsito(null);
    setErrore(null);
    setImportazione(`Caricamento di «${file.name}»…`);
    try {
      const risultato = await caricaEImporta(file, destinazione, (f) => setImportazione(`Caricamento di «${file.name}»: ${Math.round(f * 100)}%`));
      setEsito(risultato);
      await ricarica();
    } catch (error) {
      setErrore(messaggioErrore(error));
    } finally {
      setImportazione(null);
      if (fileAnomalie.current) fileAnomalie.current.value = '';
      if (fileCatalogo.current) fileCatalogo.current.value = '';
    }
  };

  const importaFormazione = async () => {
    if (!bridge) return;
    setEsito(null);
    setErrore(null);
    setImportazione('Importazione delle anomalie di esercitazione…');
    try {
      setEsito(await unwrap(bridge.anomalie.importaFormazione()));
      await ricarica();
    } catch (error) {
      setErrore(messaggioErrore(error));
    } finally {
      setImportazione(null);
    }
  };

  const esporta = async (formato: 'csv' | 'xlsx') => {
    if (!bridge) return;
    try {
      const file = await unwrap(bridge.anomalie.esporta({ ...vista, formato }));
      scarica(file.nomeFile, file.mime, file.base64);
    } catch (error) {
      setErrore(messaggioErrore(error));
    }
  };

  const aggiornata = (r: AnomaliaRiga) => {
    // The workflow changed a row: refresh the loaded pages and the counters.
    for (const pagina of cache.pagine.values()) {
      const k = pagina.findIndex((x) => x.id === r.id);
      if (k >= 0) pagina[k] = { ...pagina[k]!, stato: r.stato, statoOperatore: r.statoOperatore, statoQuando: r.statoQuando };
    }
    ridisegna();
    void caricaRiepilogo();
  };

  const azzera = () => {
    setQ('');
    setSeverita('');
    setFonte('');
    setStato('');
    setCodice('');
    setDal('');
    setAl('');
  };

  const gruppoDi = (r: AnomaliaRiga) => cache.gruppi.get(r.gruppo);

  return (
    <div className="anomalie">
      <div className="anomalie__testata">
        <h1 className="anomalie__titolo">Anomalie ANPR</h1>
        {riepilogo && (
          <ul className="anomalie__contatori" aria-label="Riepilogo">
            <li>
              <span className="anomalie__num" data-testid="riepilogo-totale">{riepilogo.totale.toLocaleString('it-IT')}</span> totali
            </li>
            <li>
              <span className="anomalie__num">{riepilogo.perStato.aperta.toLocaleString('it-IT')}</span> aperte
            </li>
            <li>
              <span className="anomalie__num">{riepilogo.perStato.in_lavorazione.toLocaleString('it-IT')}</span> in lavorazione
            </li>
            <li>
              <span className="anomalie__num">{riepilogo.perStato.sanata.toLocaleString('it-IT')}</span> sanate
            </li>
            <li className="anomalie__contatore-errori">
              <span className="anomalie__num">{riepilogo.perSeverita.E.toLocaleString('it-IT')}</span> errori bloccanti
            </li>
          </ul>
        )}
        <div className="anomalie__azioni">
          <input ref={fileAnomalie} id="file-anomalie" type="file" aria-label="File anomalie da importare (csv o xlsx)" tabIndex={-1} accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" className="visually-hidden" onChange={(e) => void importa(e.target.files?.[0], 'anomalie')} />
          <Button color="primary" size="xs" onClick={() => fileAnomalie.current?.click()} disabled={importazione !== null}>
            Importa file anomalie
          </Button>
          <input ref={fileCatalogo} id="file-catalogo" type="file" aria-label="Elenco ufficiale dei codici (csv o xlsx)" tabIndex={-1} accept=".csv,.xlsx" className="visually-hidden" onChange={(e) => void importa(e.target.files?.[0], 'catalogo')} />
          <Button color="primary" outline size="xs" onClick={() => fileCatalogo.current?.click()} disabled={importazione !== null}>
            Aggiorna catalogo
          </Button>
          {formazione && (
            <Button color="primary" outline size="xs" onClick={() => void importaFormazione()} disabled={importazione !== null} aria-describedby="anomalie-formazione-aiuto">
              Importa anomalie di esercitazione
            </Button>
          )}
          <Button color="primary" outline size="xs" onClick={() => void esporta('csv')}>
            Esporta CSV
          </Button>
          <Button color="primary" outline size="xs" onClick={() => void esporta('xlsx')}>
            Esporta Excel
          </Button>
        </div>
      </div>

      {formazione && (
        <p className="small mb-1 text-secondary" id="anomalie-formazione-aiuto">
          Ambiente di prova: «Importa anomalie di esercitazione» carica le anomalie che il simulatore ANPR segnala sui suoi residenti, per esercitarsi ad aprire la
          scheda della persona e inviare la correzione.
        </p>
      )}
      {importazione && <p className="small mb-1" aria-live="polite">{importazione}</p>}
      <p className="small mb-1" role="status" data-testid="anomalie-novita">
        {novita}
      </p>
      {errore && (
        <Alert color="danger" className="py-2 mb-2">
          {errore}
        </Alert>
      )}
      {esito && <EsitoImport esito={esito} onChiudi={() => setEsito(null)} />}

      <form className="anomalie__filtri" role="search" aria-label="Filtri anomalie" onSubmit={(e) => e.preventDefault()}>
        <div className="anomalie__campo anomalie__campo--cerca">
          <label htmlFor="anomalie-q">Cerca</label>
          <input id="anomalie-q" type="search" className="form-control form-control-sm" placeholder="Codice, testo, cognome e nome, codice fiscale…" value={q} onChange={(e) => setQ(e.target.value)} autoComplete="off" />
        </div>
        <div className="anomalie__campo">
          <label htmlFor="anomalie-severita">Severità</label>
          <select id="anomalie-severita" className="form-select form-select-sm" value={severita} onChange={(e) => setSeverita(e.target.value as '' | SeveritaAnomalia)}>
            <option value="">Tutte</option>
            <option value="E">Errore</option>
            <option value="W">Warning</option>
            <option value="?">Non indicata</option>
          </select>
        </div>
        <div className="anomalie__campo">
          <label htmlFor="anomalie-stato">Stato</label>
          <select id="anomalie-stato" className="form-select form-select-sm" value={stato} onChange={(e) => setStato(e.target.value as typeof stato)}>
            <option value="da_lavorare">Da lavorare</option>
            <option value="">Tutti</option>
            <option value="aperta">Aperta</option>
            <option value="in_lavorazione">In lavorazione</option>
            <option value="sanata">Sanata</option>
          </select>
        </div>
        <div className="anomalie__campo">
          <label htmlFor="anomalie-fonte">Fonte</label>
          <select id="anomalie-fonte" className="form-select form-select-sm" value={fonte} onChange={(e) => setFonte(e.target.value as '' | FonteAnomalia)}>
            <option value="">Tutte</option>
            <option value="file">File ANPR</option>
            <option value="interrogazione">Interrogazione 3002</option>
            <option value="risposta">Risposta ANPR</option>
          </select>
        </div>
        <div className="anomalie__campo anomalie__campo--codice">
          <label htmlFor="anomalie-codice">Codice</label>
          <select id="anomalie-codice" className="form-select form-select-sm" value={codice} onChange={(e) => setCodice(e.target.value)}>
            <option value="">Tutti</option>
            {riepilogo?.codici.map((c) => (
              <option key={c.codice} value={c.codice}>
                {c.codice} ({c.righe.toLocaleString('it-IT')})
              </option>
            ))}
          </select>
        </div>
        <div className="anomalie__campo">
          <label htmlFor="anomalie-dal">Dal</label>
          <input id="anomalie-dal" type="date" className="form-control form-control-sm" value={dal} onChange={(e) => setDal(e.target.value)} />
        </div>
        <div className="anomalie__campo">
          <label htmlFor="anomalie-al">Al</label>
          <input id="anomalie-al" type="date" className="form-control form-control-sm" value={al} onChange={(e) => setAl(e.target.value)} />
        </div>
        <button type="button" className="btn btn-link btn-xs anomalie__azzera" onClick={azzera}>
          Azzera filtri
        </button>
      </form>

      <div className="anomalie__corpo">
        <section className="anomalie__elenco" aria-label="Elenco anomalie">
          <div className="anomalie__barra">
            <p className="anomalie__conteggio" aria-live="polite" data-testid="anomalie-conteggio">
              {totale === null ? 'Caricamento…' : totale === 0 ? 'Nessuna anomalia con questi filtri.' : `${totale.toLocaleString('it-IT')} anomalie`}
            </p>
        <div className="anomalie__campo anomalie__campo--riga">
              <label htmlFor="anomalie-gruppi">Raggruppa</label>
              <select id="anomalie-gruppi" className="form-select form-select-sm" value={raggruppamento} onChange={(e) => setRaggruppamento(e.target.value as Raggruppamento)}>
                <option value="nessuno">Nessun gruppo</option>
                <option value="persona">Per persona</option>
                <option value="codice">Per codice</option>
              </select>
            </div>
            <div className="anomalie__campo anomalie__campo--riga">
              <label htmlFor="anomalie-ordine">Ordina per</label>
              <select
                id="anomalie-ordine"
                className="form-select form-select-sm"
                value={raggruppamento === 'nessuno' ? `${ordinamento.campo}:${ordinamento.direzione}` : 'gruppo'}
                disabled={raggruppamento !== 'nessuno'}
                onChange={(e) => {
                  const [campo, direzione] = e.target.value.split(':') as [OrdinamentoAnomalie['campo'], OrdinamentoAnomalie['direzione']];
                  setOrdinamento({ campo, direzione });
                }}
              >
                {raggruppamento !== 'nessuno' && <option value="gruppo">Gruppo, poi più recenti</option>}
                <option value="rilevata:desc">Più recenti</option>
                <option value="rilevata:asc">Meno recenti</option>
                <option value="severita:asc">Severità (errori prima)</option>
                <option value="codice:asc">Codice A→Z</option>
                <option value="codice:desc">Codice Z→A</option>
                <option value="persona:asc">Persona A→Z</option>
                <option value="persona:desc">Persona Z→A</option>
                <option value="stato:asc">Stato</option>
              </select>
            </div>
          </div>
          <div className="anomalie__intestazione" aria-hidden="true">
            <span>Sev.</span>
            <span>Codice</span>
            <span>Messaggio</span>
            <span>Persona</span>
            <span>Segnalata</span>
            <span>Stato</span>
          </div>
          <div
            ref={contenitore}
            className="anomalie__scorrimento"
            role="listbox"
            aria-label="Anomalie"
            tabIndex={0}
            onKeyDown={tastiera}
            aria-activedescendant={indiceSelezionato >= 0 ? `anomalia-riga-${indiceSelezionato}` : undefined}
          >
            <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
              {elementi.map((v) => {
                const r = cache.riga(v.index);
                const gruppo = r && nuovoGruppo(v.index) ? gruppoDi(r) : undefined;
                return (
                  <div
                    key={v.key}
                    data-index={v.index}
                    ref={virtualizer.measureElement}
                    className="anomalie__voce"
                    style={{ transform: `translateY(${v.start}px)` }}
                  >
                    {gruppo && (
                      <div className="anomalie__gruppo" data-testid="gruppo">
                        <span className="anomalie__gruppo-nome">{gruppo.etichetta}</span>
                        <span className="anomalie__gruppo-n">{gruppo.righe.toLocaleString('it-IT')}</span>
                      </div>
                    )}
                    <div
                      id={`anomalia-riga-${v.index}`}
                      role="option"
                      aria-selected={r !== undefined && r.id === selezionata}
                      className={`anomalie__riga${r && r.id === selezionata ? ' anomalie__riga--selezionata' : ''}${r?.stato === 'sanata' ? ' anomalie__riga--sanata' : ''}`}
                      onClick={() => seleziona(v.index)}
                      data-testid={r ? 'riga-anomalia' : undefined}
                    >
                      {r ? (
                        <>
                          <span className={`sev sev--${r.severita === '?' ? 'nd' : r.severita}`} title={ETICHETTA_SEVERITA[r.severita]}>
                            {r.severita === '?' ? '–' : r.severita}
                          </span>
                          <span className="anomalie__codice">{r.codice}</span>
                          <span className="anomalie__testo" title={r.testo}>
                            {r.testo}
                          </span>
                          <span className="anomalie__persona" title={r.codiceFiscale ?? undefined}>
                            {r.persona}
                          </span>
                          <span className="anomalie__data">{dataBreve(r.rilevata)}</span>
                          <span className={`stato stato--${r.stato}`}>{ETICHETTA_STATO[r.stato]}</span>
                        </>
                      ) : (
                        <span className="anomalie__caricamento">…</span>
                      )}
                    </div>
                  </div>
                );
              })}
            </div>
          </div>
        </section>
        <Dettaglio id={selezionata} onAggiornata={aggiornata} />
      </div>
    </div>
  );
}

function EsitoImport({ esito, onChiudi }: { esito: EsitoImportazione; onChiudi: () => void }) {
  const mostrati = esito.errori.slice(0, 50);
  return (
    <Alert color={esito.scartate > 0 ? 'warning' : 'success'} className="py-2 mb-2 anomalie__esito" data-testid="esito-importazione">
      <div className="d-flex justify-content-between align-items-start gap-3">
        <div>
          <strong>
            {esito.destinazione === 'catalogo' ? `Catalogo aggiornato: ${esito.elenco ?? ''}` : `Importato «${esito.nomeFile}»`}
          </strong>{' '}
          — {esito.righe.toLocaleString('it-IT')} righe lette, <span data-testid="esito-inserite">{esito.inserite.toLocaleString('it-IT')}</span> nuove,{' '}
          {esito.giaPresenti.toLocaleString('it-IT')} già presenti, <span data-testid="esito-scartate">{esito.scartate.toLocaleString('it-IT')}</span> non lette
          {esito.destinazione === 'anomalie' ? ` (${(esito.ms / 1000).toFixed(1)} s).` : '.'}
        </div>
        <button type="button" className="btn btn-link btn-xs p-0" onClick={onChiudi}>
          Chiudi
        </button>
      </div>
      {mostrati.length > 0 && (
        <table className="table table-sm mb-0 mt-1 anomalie__scarti" data-testid="righe-scartate">
          <caption className="visually-hidden">Righe non lette</caption>
          <thead>
            <tr>
              <th scope="col">Riga</th>
              <th scope="col">Motivo</th>
            </tr>
          </thead>
          <tbody>
            {mostrati.map((e) => (
              <tr key={e.riga}>
                <td>{e.riga}</td>
                <td>{e.motivo}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {esito.scartate > mostrati.length && <p className="small mb-0">… e altre {(esito.scartate - mostrati.length).toLocaleString('it-IT')} righe.</p>}
    </Alert>
  );
}
