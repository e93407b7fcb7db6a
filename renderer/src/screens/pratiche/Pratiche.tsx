/**
 * Pratiche: every pratica of the current environment in a dense table
 * (state, deadline, operator, ids), filters by state, and a detail pane with
 * the submission history, ANPR's full error list explained from the official
 * catalogue (linked to the form field), and the clerk's actions. Live from
 * the `pratiche.cambiata` / `coda.cambiata` events.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Button } from 'design-react-kit';
import { createColumnHelper, flexRender, getCoreRowModel, getSortedRowModel, useReactTable, type SortingState } from '@tanstack/react-table';
import { ANNULLAMENTO_DI } from '../../../../shared/anpr/servizi';
import type { PraticaAperta, PraticaVista, StatoPratica } from '../../../../shared/ipc/contract';
import { bridge, unwrap } from '../../bridge';
import { formatData, formatDataOra, messaggioErrore } from '../../format';
import { navigate } from '../../routing';
import { puoModificare, useSessione } from '../../session';
import { BannerCoda } from './BannerCoda';
import { MessaggioErrore } from '../../components/ErroreConfigurazione';
import { FILTRI, SERVIZI, STATI, STATI_ACCOLTI, STATI_MODIFICABILI } from './etichette';
import { VOCI_NUOVE } from './moduli';
import './pratiche.css';

const colonna = createColumnHelper<PraticaVista>();

export function StatoBadge({ stato, annullamento }: { stato: StatoPratica; annullamento?: PraticaVista['annullamento'] }) {
  if (annullamento && STATI_ACCOLTI.includes(stato) && STATI_ACCOLTI.includes(annullamento.stato)) {
    return <span className="stato-pratica stato--annullata">Annullata</span>;
  }
  return <span className={`stato-pratica ${STATI[stato].classe}`}>{STATI[stato].testo}</span>;
}

/** Whether the pratica's words (name, CF, service, numbers) contain every word searched. */
export function corrisponde(p: PraticaVista, cerca: string): boolean {
  const parole = cerca.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (!parole.length) return true;
  const testo = [p.soggettoNome, p.soggettoCF, p.servizio, SERVIZI[p.servizio], STATI[p.stato].testo, p.protocollo, p.idOperazioneComune, p.idOperazioneANPR, p.operatoreNome]
    .filter(Boolean)
    .join(' ')
    .toLowerCase();
  return parole.every((w) => testo.includes(w));
}

function selezioneIniziale(): string | null {
  const q = window.location.hash.split('?')[1];
  return q ? new URLSearchParams(q).get('id') : null;
}

export function Pratiche() {
  const { sessione } = useSessione();
  const modifica = puoModificare(sessione.ruolo);
  const ufficiale = sessione.ruolo === 'ufficiale_anagrafe' || sessione.ruolo === 'amministratore';
  const [pratiche, setPratiche] = useState<PraticaVista[] | null>(null);
  const [filtro, setFiltro] = useState('tutte');
  const [cerca, setCerca] = useState('');
  const [mostraScartate, setMostraScartate] = useState(false);
  const [selezionata, setSelezionata] = useState<string | null>(selezioneIniziale);
  const [dettaglio, setDettaglio] = useState<PraticaAperta | null>(null);
  const [errore, setErrore] = useState<string | null>(null);
  // Kept whole (not as text): a missing certificate or CA links to where it is fixed.
  const [erroreElenco, setErroreElenco] = useState<unknown>(null);
  const [avviso, setAvviso] = useState<string | null>(null);
  const [sorting, setSorting] = useState<SortingState>([{ id: 'aggiornata', desc: true }]);
  const selezionataRef = useRef(selezionata);
  selezionataRef.current = selezionata;

  const caricaElenco = useCallback(async () => {
    if (!bridge) return;
    try {
      setPratiche(await unwrap(bridge.pratiche.elenco(undefined)));
    } catch (e) {
      setErroreElenco(e);
    }
  }, []);
  const caricaDettaglio = useCallback(async (id: string) => {
    if (!bridge) return;
    try {
      setDettaglio(await unwrap(bridge.pratiche.apri({ id })));
    } catch (e) {
      setErrore(messaggioErrore(e));
    }
  }, []);

  useEffect(() => {
    void caricaElenco();
    if (!bridge) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const aggiorna = (id?: string) => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        void caricaElenco();
        const sel = selezionataRef.current;
        if (sel && (!id || id === sel)) void caricaDettaglio(sel);
      }, 150);
    };
    const stop1 = bridge.eventi.pratiche.cambiata((e) => aggiorna(e.praticaId));
    const stop2 = bridge.eventi.coda.cambiata(() => aggiorna());
    return () => {
      clearTimeout(timer);
      stop1();
      stop2();
    };
  }, [caricaElenco, caricaDettaglio]);

  useEffect(() => {
    if (selezionata) void caricaDettaglio(selezionata);
    else setDettaglio(null);
  }, [selezionata, caricaDettaglio]);

  // A link to `#/pratiche?id=…` (e.g. the queue banner's) selects that pratica.
  useEffect(() => {
    const daHash = () => {
      const id = selezioneIniziale();
      if (id) setSelezionata(id);
    };
    window.addEventListener('hashchange', daHash);
    return () => window.removeEventListener('hashchange', daHash);
  }, []);

  const visibili = useMemo(() => {
    const f = FILTRI.find((x) => x.id === filtro)!;
    return (pratiche ?? []).filter((p) => (mostraScartate ? true : !p.scartata) && (!f.stati || f.stati.includes(p.stato)) && corrisponde(p, cerca));
  }, [pratiche, filtro, mostraScartate, cerca]);

  const conteggio = (id: string) => {
    const f = FILTRI.find((x) => x.id === id)!;
    return (pratiche ?? []).filter((p) => !p.scartata && (!f.stati || f.stati.includes(p.stato))).length;
  };

  const colonne = useMemo(
    () => [
      colonna.accessor('stato', {
        header: 'Stato',
        cell: (c) => (
          <>
            <StatoBadge stato={c.getValue()} annullamento={c.row.original.annullamento} />
            {c.row.original.scartata && <span className="stato-pratica stato--scartata ms-1">Scartata</span>}
          </>
        ),
      }),
      colonna.accessor('servizio', {
        header: 'Pratica',
        cell: (c) => (
          <>
            <button
              type="button"
              className="btn btn-link p-0 text-start riga-pratica__apri"
              aria-pressed={selezionata === c.row.original.id}
              onClick={() => setSelezionata(c.row.original.id)}
            >
              <span className="codice-servizio">{c.getValue()}</span> <span className="titolo-pratica">{SERVIZI[c.getValue()] ?? ''}</span>
            </button>
            {(c.row.original.idOperazioneComune || c.row.original.idOperazioneANPR) && (
              <span className="ids-pratica">
                <span className="visually-hidden">Id operazione comune </span>
                {c.row.original.idOperazioneComune ?? '—'}
                {c.row.original.idOperazioneANPR && (
                  <>
                    <br />
                    ANPR {c.row.original.idOperazioneANPR}
                  </>
                )}
              </span>
            )}
          </>
        ),
      }),
      colonna.accessor((p) => p.soggettoNome ?? '', {
        id: 'soggetto',
        header: 'Soggetto',
        // The person's name (or the family head's, for a family operation), never an internal id.
        cell: (c) => c.row.original.soggettoNome ?? '—',
      }),
      colonna.accessor('dataDecorrenza', { header: 'Decorrenza', cell: (c) => formatData(c.getValue()) }),
      colonna.accessor('scadenza', {
        header: 'Scadenza',
        cell: (c) => {
          const v = c.getValue();
          if (!v) return '—';
          const scaduta = !STATI_ACCOLTI.includes(c.row.original.stato) && v < new Date().toISOString().slice(0, 10);
          return <span className={scaduta ? 'scadenza--scaduta' : undefined}>{formatData(v)}</span>;
        },
      }),
      colonna.accessor((p) => p.operatoreNome ?? p.operatore ?? '', {
        id: 'operatore',
        header: 'Operatore',
        cell: (c) => c.row.original.operatoreNome ?? <span className="ids-pratica">{c.row.original.operatore ?? '—'}</span>,
      }),
      colonna.accessor('aggiornata', { header: 'Aggiornata', cell: (c) => <span className="small">{formatDataOra(c.getValue())}</span> }),
    ],
    [selezionata],
  );
  const tabella = useReactTable({
    data: visibili,
    columns: colonne,
    state: { sorting, columnVisibility: { aggiornata: false } },
    onSortingChange: setSorting,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
  });

  /** Runs a clerk's action; the notice is the action's own answer when it returns one (e.g. "Invia ora"). */
  const azione = async (nome: string, fn: () => Promise<unknown>, messaggio: string) => {
    setErrore(null);
    setAvviso(null);
    try {
      const r = await fn();
      setAvviso(typeof r === 'string' && r ? r : messaggio);
      void caricaElenco();
      if (selezionata) void caricaDettaglio(selezionata);
    } catch (e) {
      setErrore(`${nome}: ${messaggioErrore(e)}`);
    }
  };

  return (
    <>
      <div className="d-flex align-items-center justify-content-between mb-2 gap-3 flex-wrap">
        <h1 className="h2 mb-0">Pratiche</h1>
        {modifica && <NuovaPratica />}
      </div>
      <BannerCoda puoModificare={modifica} />
      {erroreElenco !== null && (
        <Alert color="danger" className="mt-2" data-testid="errore-elenco">
          <MessaggioErrore errore={erroreElenco} />
        </Alert>
      )}
      {errore && (
        <Alert color="danger" className="mt-2">
          {errore}
        </Alert>
      )}
      {avviso && (
        <div className="alert alert-success mt-2 py-2" role="status">
          {avviso}
        </div>
      )}
      <div className="filtri-pratiche" role="group" aria-label="Filtra per stato">
        {FILTRI.map((f) => (
          <button key={f.id} type="button" className={`filtro${filtro === f.id ? ' filtro--attivo' : ''}`} aria-pressed={filtro === f.id} onClick={() => setFiltro(f.id)}>
            {f.etichetta} <span className="filtro__numero">{conteggio(f.id)}</span>
          </button>
        ))}
        <label htmlFor="cerca-pratiche" className="visually-hidden">
          Cerca nelle pratiche
        </label>
        <input
          id="cerca-pratiche"
          type="search"
          className="form-control form-control-sm ricerca-pratiche"
          placeholder="Cerca: nome, codice fiscale, pratica, numero"
          value={cerca}
          onChange={(e) => setCerca(e.target.value)}
        />
        <label className="filtro-scartate">
          <input type="checkbox" checked={mostraScartate} onChange={(e) => setMostraScartate(e.target.checked)} /> Mostra le scartate
        </label>
      </div>
      <div className="pratiche-layout">
        <section className="pratiche-elenco" aria-labelledby="titolo-elenco-pratiche">
          <h2 id="titolo-elenco-pratiche" className="visually-hidden">
            Elenco delle pratiche
          </h2>
          {pratiche === null ? (
            <p aria-live="polite">Caricamento…</p>
          ) : visibili.length === 0 ? (
            <p className="vuoto">Nessuna pratica in questo elenco.</p>
          ) : (
            <div className="table-responsive tabella-dati tabella-densa">
              <table className="table table-hover table-sm align-middle mb-0" data-testid="tabella-pratiche">
                <caption className="visually-hidden">Pratiche; scegliere una pratica per vederne il dettaglio</caption>
                <thead>
                  {tabella.getHeaderGroups().map((g) => (
                    <tr key={g.id}>
                      {g.headers.map((h) => (
                        <th key={h.id} scope="col" aria-sort={h.column.getIsSorted() === 'asc' ? 'ascending' : h.column.getIsSorted() === 'desc' ? 'descending' : undefined}>
                          <button type="button" className="th-ordina" onClick={h.column.getToggleSortingHandler()}>
                            {flexRender(h.column.columnDef.header, h.getContext())}
                            <span aria-hidden="true">{h.column.getIsSorted() === 'asc' ? ' ▲' : h.column.getIsSorted() === 'desc' ? ' ▼' : ''}</span>
                          </button>
                        </th>
                      ))}
                    </tr>
                  ))}
                </thead>
                <tbody>
                  {tabella.getRowModel().rows.map((r) => (
                    <tr
                      key={r.id}
                      className={r.original.id === selezionata ? 'riga--selezionata' : undefined}
                      data-testid={`pratica-${r.original.id}`}
                      data-stato={r.original.stato}
                      onClick={() => setSelezionata(r.original.id)}
                    >
                      {r.getVisibleCells().map((c) => (
                        <td key={c.id}>{flexRender(c.column.columnDef.cell, c.getContext())}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
        <aside className="pratiche-dettaglio" aria-labelledby="titolo-dettaglio" data-testid="dettaglio-pratica">
          {!dettaglio ? (
            <>
              <h2 id="titolo-dettaglio" className="h5">
                Dettaglio
              </h2>
              <p className="vuoto">Scegliere una pratica dall&apos;elenco.</p>
            </>
          ) : (
            <Dettaglio
              d={dettaglio}
              modifica={modifica}
              ufficiale={ufficiale}
              azione={azione}
              onAnnullata={(id) => navigate(`/pratiche/${id}`)}
            />
          )}
        </aside>
      </div>
    </>
  );
}

function NuovaPratica() {
  const [valore, setValore] = useState(VOCI_NUOVE[0]?.valore ?? '');
  return (
    <form
      className="nuova-pratica"
      onSubmit={(e) => {
        e.preventDefault();
        const voce = VOCI_NUOVE.find((v) => v.valore === valore);
        if (voce) navigate(`/pratiche/nuova?servizio=${voce.servizio}${voce.variante ? `&variante=${voce.variante}` : ''}`);
      }}
    >
      <label htmlFor="nuova-pratica-servizio" className="visually-hidden">
        Tipo di pratica
      </label>
      <select id="nuova-pratica-servizio" className="form-select form-select-sm" value={valore} onChange={(e) => setValore(e.target.value)}>
        {VOCI_NUOVE.map((v) => (
          <option key={v.valore} value={v.valore}>
            {v.servizio} – {v.titolo}
          </option>
        ))}
      </select>
      <Button color="primary" size="sm" type="submit">
        Nuova pratica
      </Button>
    </form>
  );
}

async function copia(testo: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(testo);
  } catch {
    const area = document.createElement('textarea');
    area.value = testo;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    document.execCommand('copy');
    area.remove();
  }
}

function Dettaglio({
  d,
  modifica,
  ufficiale,
  azione,
  onAnnullata,
}: {
  d: PraticaAperta;
  modifica: boolean;
  ufficiale: boolean;
  azione: (nome: string, fn: () => Promise<unknown>, messaggio: string) => Promise<void>;
  onAnnullata: (id: string) => void;
}) {
  const p = d.pratica;
  const [conferma, setConferma] = useState(false);
  const modificabile = !p.scartata && STATI_MODIFICABILI.includes(p.stato);
  const inviabile = !p.scartata && ['bozza', 'pronta', 'in_invio', 'esito_incerto'].includes(p.stato);
  const annullamento = p.annullamento ?? null;
  const annullata = !!annullamento && STATI_ACCOLTI.includes(annullamento.stato);
  const annullabile = !p.scartata && !annullamento && STATI_ACCOLTI.includes(p.stato) && !!ANNULLAMENTO_DI[p.servizio];
  const titoloRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => titoloRef.current?.focus(), [p.id]);
  return (
    <>
      <h2 id="titolo-dettaglio" className="h5 mb-1" tabIndex={-1} ref={titoloRef}>
        <span className="codice-servizio">{p.servizio}</span> {SERVIZI[p.servizio] ?? 'Pratica'}
      </h2>
      <p className="mb-2">
        <StatoBadge stato={p.stato} annullamento={annullamento} />
        {p.scartata && <span className="stato-pratica stato--scartata ms-1">Scartata il {formatDataOra(p.scartata)}</span>}
      </p>
      {annullamento && STATI_ACCOLTI.includes(p.stato) && (
        <p className="messaggio-pratica" data-testid="annullamento-pratica">
          {annullata ? 'Annullata in ANPR il ' + formatDataOra(annullamento.data) + ' con la pratica ' : 'Annullamento in corso con la pratica '}
          <a href={`#/pratiche/${annullamento.praticaId}`}>
            {annullamento.servizio} {SERVIZI[annullamento.servizio] ?? ''}
          </a>
          {annullata ? '.' : ` (${STATI[annullamento.stato].testo.toLowerCase()}): non se ne può avviare un altro.`}
        </p>
      )}
      {p.messaggio && (
        <p className="messaggio-pratica" data-testid="messaggio-pratica">
          {p.messaggio}
        </p>
      )}
      <div className="azioni-pratica">
        {modificabile && modifica && (
          <a className="btn btn-primary btn-xs" href={`#/pratiche/${p.id}`}>
            Modifica
          </a>
        )}
        {inviabile && modifica && (
          <Button
            color="primary"
            size="xs"
            outline
            // A draft goes through the same checks and review step as in its form: nothing is sent before the clerk confirms it.
            onClick={() =>
              p.stato === 'bozza'
                ? navigate(`/pratiche/${p.id}?rivedi=1`)
                : void azione('Invio', async () => (await unwrap(bridge!.pratiche.invia({ id: p.id }))).messaggio ?? null, 'Richiesta di invio registrata.')
            }
          >
            {p.stato === 'bozza' ? 'Segna come pronta' : 'Invia ora'}
          </Button>
        )}
        {p.stato === 'richiede_intervento' && modifica && (
          <Button color="primary" size="xs" outline onClick={() => void azione('Riprova', () => unwrap(bridge!.pratiche.riprova({ id: p.id })), 'Nuovo tentativo richiesto.')}>
            Riprova
          </Button>
        )}
        {annullabile && ufficiale && (
          <Button
            color="danger"
            size="xs"
            outline
            onClick={() =>
              void azione(
                'Annullamento',
                async () => onAnnullata((await unwrap(bridge!.pratiche.annulla({ id: p.id }))).id),
                'Bozza di annullamento creata.',
              )
            }
          >
            Annulla in ANPR
          </Button>
        )}
        {modificabile && modifica && !conferma && (
          <Button color="danger" size="xs" outline onClick={() => setConferma(true)}>
            Scarta
          </Button>
        )}
        <Button color="secondary" size="xs" outline onClick={() => void azione('Copia', () => copia(d.supporto.testo), "Dati per l'assistenza copiati negli appunti.")}>
          Copia dati per l&apos;assistenza
        </Button>
      </div>
      {conferma && (
        <div className="conferma-scarto" role="alertdialog" aria-labelledby="conferma-scarto-titolo">
          <p id="conferma-scarto-titolo" className="mb-2">
            Scartare la pratica? Non verrà inviata ad ANPR; resta nell&apos;elenco come scartata.
          </p>
          <Button color="danger" size="xs" onClick={() => void azione('Scarto', () => unwrap(bridge!.pratiche.scarta({ id: p.id })), 'Pratica scartata.').then(() => setConferma(false))}>
            Sì, scarta
          </Button>{' '}
          <Button color="secondary" size="xs" outline onClick={() => setConferma(false)}>
            No
          </Button>
        </div>
      )}
      <dl className="dati-pratica">
        <div>
          <dt>Operatore</dt>
          <dd>{d.nomeOperatore ?? p.operatore ?? '—'}</dd>
        </div>
        <div>
          <dt>Decorrenza</dt>
          <dd>{formatData(p.dataDecorrenza)}</dd>
        </div>
        <div>
          <dt>Protocollo</dt>
          <dd>
            {p.protocollo ?? '—'}
            {p.dataProtocollo ? ` del ${formatData(p.dataProtocollo)}` : ''}
          </dd>
        </div>
        <div>
          <dt>Scadenza</dt>
          <dd>{formatData(p.scadenza)}</dd>
        </div>
        <div>
          <dt>Id operazione comune</dt>
          <dd className="font-monospace" data-testid="id-operazione-comune">
            {p.idOperazioneComune ?? '—'}
          </dd>
        </div>
        <div>
          <dt>Id operazione ANPR</dt>
          <dd className="font-monospace" data-testid="id-operazione-anpr">
            {p.idOperazioneANPR ?? '—'}
          </dd>
        </div>
        <div>
          <dt>Creata</dt>
          <dd>{formatDataOra(p.creata)}</dd>
        </div>
        <div>
          <dt>Aggiornata</dt>
          <dd>{formatDataOra(p.aggiornata)}</dd>
        </div>
      </dl>
      {d.errori.length > 0 && <ErroriAnpr praticaId={p.id} errori={d.errori} modificabile={modificabile && modifica} />}
      <h3 className="h6 mt-3">Invii ad ANPR</h3>
      {d.invii.length === 0 ? (
        <p className="vuoto small">Nessun invio finora.</p>
      ) : (
        <table className="table table-sm tabella-invii" data-testid="invii">
          <caption className="visually-hidden">Cronologia degli invii</caption>
          <thead>
            <tr>
              <th scope="col">Id comune</th>
              <th scope="col">Inviata</th>
              <th scope="col">Tentativi</th>
              <th scope="col">Esito</th>
            </tr>
          </thead>
          <tbody>
            {d.invii.map((i) => (
              <tr key={i.idOperazioneComune}>
                <td className="font-monospace small invio-id">{i.idOperazioneComune}</td>
                <td className="small invio-data">{formatDataOra(i.primoInvio ?? i.allocato)}</td>
                <td className="small">{i.tentativi}</td>
                <td className="small">{i.aperto ? 'in corso' : (i.esito ?? '—')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

export function ErroriAnpr({ praticaId, errori, modificabile }: { praticaId: string; errori: PraticaAperta['errori']; modificabile: boolean }) {
  return (
    <section className="errori-anpr" aria-labelledby={`errori-${praticaId}`} data-testid="errori-anpr">
      <h3 id={`errori-${praticaId}`} className="h6">
        Errori e avvisi di ANPR ({errori.length})
      </h3>
      <ol className="errori-anpr__elenco">
        {errori.map((e, i) => (
          <li key={`${e.codice}-${i}`} className={`errore-anpr errore-anpr--${e.tipo === 'W' ? 'avviso' : 'errore'}`}>
            <div className="errore-anpr__testa">
              <span className="codice-errore">{e.codice}</span>
              <span className="errore-anpr__tipo">{e.tipo === 'W' ? 'Avviso' : 'Errore'}</span>
            </div>
            <p className="mb-1">{e.testo}</p>
            {e.catalogo && e.catalogo.descrizione !== e.testo && <p className="errore-anpr__catalogo mb-1">Dal catalogo ANPR: {e.catalogo.descrizione}</p>}
            {e.catalogo?.suggerimento && <p className="errore-anpr__catalogo mb-1">Suggerimento: {e.catalogo.suggerimento}</p>}
            {e.seguito && <Seguito praticaId={praticaId} codice={e.codice} seguito={e.seguito} />}
            {(e.campo || e.etichettaCampo) && (
              <p className="errore-anpr__campo mb-0">
                Campo: {e.etichettaCampo ?? e.campo}
                {e.valore ? ` (valore «${e.valore}»)` : ''}
                {modificabile && e.campo && (
                  <>
                    {' · '}
                    <a href={`#/pratiche/${praticaId}?campo=${encodeURIComponent(e.campo)}`}>Vai al campo</a>
                  </>
                )}
              </p>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** The follow-up a warning asks for (e.g. EN225 → 5001 naming the new head): opens it, started once. */
function Seguito({ praticaId, codice, seguito }: { praticaId: string; codice: string; seguito: NonNullable<PraticaAperta['errori'][number]['seguito']> }) {
  const { sessione } = useSessione();
  const [errore, setErrore] = useState<string | null>(null);
  if (!puoModificare(sessione.ruolo)) return null;
  return (
    <p className="errore-anpr__seguito mb-1">
      {seguito.praticaId ? (
        <a className="btn btn-primary btn-xs" href={`#/pratiche/${seguito.praticaId}`}>
          {seguito.etichetta}: apri la pratica avviata
        </a>
      ) : (
        <Button
          color="primary"
          size="xs"
          onClick={() =>
            void unwrap(bridge!.pratiche.seguito({ id: praticaId, codice }))
              .then((p) => navigate(`/pratiche/${p.id}`))
              .catch((x: unknown) => setErrore(messaggioErrore(x)))
          }
        >
          {seguito.etichetta}
        </Button>
      )}
      {errore && (
        <span className="campo__errore d-block" role="alert">
          {errore}
        </span>
      )}
    </p>
  );
}
