/**
 * Ricerca (3002): by codice fiscale, by cognome + nome + data di nascita, or
 * by ID ANPR. Inline checks before anything is sent; results in a table;
 * the last search survives going to a scheda and back.
 */
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { Alert, Button } from 'design-react-kit';
import { createColumnHelper, flexRender, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { validaCodiceFiscale } from '../../../../shared/domain/codice-fiscale';
import { parseDataItDettaglio } from '../../../../shared/domain/date-it';
import type { CriterioRicerca, EsitoRicerca, SoggettoSintesi } from '../../../../shared/ipc/contract';
import { bridge, unwrap } from '../../bridge';
import { Campo } from '../../components/Campo';
import { formatData, messaggioErrore } from '../../format';
import { FonteDati } from './FonteDati';

type Modo = CriterioRicerca['tipo'];

const MODI: { modo: Modo; etichetta: string }[] = [
  { modo: 'codiceFiscale', etichetta: 'Codice fiscale' },
  { modo: 'generalita', etichetta: 'Cognome, nome e data di nascita' },
  { modo: 'idAnpr', etichetta: 'ID ANPR' },
];

const CONDIZIONE: Record<SoggettoSintesi['condizione'], string> = {
  residente: 'Residente',
  deceduto: 'Deceduto',
  cancellato: 'Cancellato',
};

interface Memoria {
  modo: Modo;
  valori: { cf: string; cognome: string; nome: string; data: string; id: string };
  esito: EsitoRicerca | null;
}

/** Kept for the session of the page: back from a scheda, the results are still there. */
let memoria: Memoria = { modo: 'codiceFiscale', valori: { cf: '', cognome: '', nome: '', data: '', id: '' }, esito: null };

const colonna = createColumnHelper<SoggettoSintesi>();

export function Ricerca() {
  const [modo, setModo] = useState<Modo>(memoria.modo);
  const [valori, setValori] = useState(memoria.valori);
  const [errori, setErrori] = useState<Record<string, string | null>>({});
  const [esito, setEsito] = useState<EsitoRicerca | null>(memoria.esito);
  const [errore, setErrore] = useState<string | null>(null);
  const [inCorso, setInCorso] = useState(false);
  const risultatiRef = useRef<HTMLHeadingElement>(null);
  const focalizzaRisultati = useRef(false);

  // After a search, focus moves to the results heading (announced by screen readers).
  useEffect(() => {
    if (esito && focalizzaRisultati.current) {
      focalizzaRisultati.current = false;
      risultatiRef.current?.focus();
    }
  }, [esito]);

  const imposta = (campo: keyof Memoria['valori'], valore: string) => setValori((prev) => ({ ...prev, [campo]: valore }));

  const controllaCf = (cf: string) => {
    const e = validaCodiceFiscale(cf);
    return e.valido ? null : (e.errori[0]?.messaggio ?? 'Codice fiscale non valido.');
  };
  const controllaData = (data: string) => {
    if (!data.trim()) return 'Indicare la data di nascita (gg/mm/aaaa).';
    const e = parseDataItDettaglio(data);
    return e.ok ? null : e.messaggio;
  };

  const criterio = (): CriterioRicerca | null => {
    let next: Record<string, string | null>;
    let result: CriterioRicerca | null = null;
    if (modo === 'codiceFiscale') {
      next = { cf: controllaCf(valori.cf) };
      if (!next.cf) result = { tipo: 'codiceFiscale', codiceFiscale: valori.cf };
    } else if (modo === 'generalita') {
      next = {
        cognome: valori.cognome.trim() ? null : 'Indicare il cognome.',
        nome: valori.nome.trim() ? null : 'Indicare il nome.',
        data: controllaData(valori.data),
      };
      const data = parseDataItDettaglio(valori.data);
      if (!next.cognome && !next.nome && data.ok) result = { tipo: 'generalita', cognome: valori.cognome, nome: valori.nome, dataNascita: data.iso };
    } else {
      const id = valori.id.trim().toUpperCase();
      next = { id: /^[A-Z]{2}\d{5}[A-Z]{2}$/.test(id) || /^\d{1,16}$/.test(id) ? null : "L'ID ANPR è formato da 2 lettere, 5 cifre e 2 lettere (es. AB12345CD)." };
      if (!next.id) result = { tipo: 'idAnpr', idAnpr: id };
    }
    setErrori(next);
    return result;
  };

  const cerca = async (event: FormEvent) => {
    event.preventDefault();
    const richiesta = criterio();
    if (!bridge || !richiesta) return;
    setInCorso(true);
    setErrore(null);
    try {
      const nuovo = await unwrap(bridge.ricerca.soggetti(richiesta));
      focalizzaRisultati.current = true;
      setEsito(nuovo);
      memoria = { modo, valori, esito: nuovo };
    } catch (error) {
      setErrore(messaggioErrore(error));
      setEsito(null);
    } finally {
      setInCorso(false);
    }
  };

  const colonne = useMemo(
    () => [
      colonna.display({
        id: 'nominativo',
        header: 'Cognome e nome',
        cell: ({ row }) => (
          <a href={`#/soggetti/${row.original.idSchedaSoggettoANPR}`} className="fw-semibold">
            {row.original.cognome} {row.original.nome}
          </a>
        ),
      }),
      colonna.accessor('codiceFiscale', { header: 'Codice fiscale', cell: (c) => <span className="font-monospace">{c.getValue() ?? '—'}</span> }),
      colonna.accessor('dataNascita', { header: 'Nascita', cell: (c) => formatData(c.getValue()) }),
      colonna.accessor('luogoNascita', { header: 'Luogo di nascita', cell: (c) => c.getValue() ?? '—' }),
      colonna.accessor('residenza', { header: 'Residenza', cell: (c) => c.getValue() ?? '—' }),
      colonna.accessor('condizione', { header: 'Condizione', cell: (c) => CONDIZIONE[c.getValue()] }),
    ],
    [],
  );
  const tabella = useReactTable({ data: esito?.soggetti ?? [], columns: colonne, getCoreRowModel: getCoreRowModel() });

  return (
    <>
      <h1 className="h2 mb-3">Ricerca soggetti</h1>
      <section className="pannello mb-4" aria-labelledby="titolo-criteri">
        <h2 id="titolo-criteri" className="h5 mb-3">Criteri di ricerca in ANPR</h2>
        <form onSubmit={(event) => void cerca(event)} noValidate aria-label="Ricerca soggetti">
          <fieldset className="mb-3">
            <legend className="campo__label mb-2">Cerca per</legend>
            <div className="scelta-modo">
              {MODI.map(({ modo: m, etichetta }) => (
                <label key={m} className={`scelta-modo__opzione${modo === m ? ' scelta-modo__opzione--attiva' : ''}`}>
                  <input
                    type="radio"
                    name="modo-ricerca"
                    value={m}
                    checked={modo === m}
                    onChange={() => {
                      setModo(m);
                      setErrori({});
                    }}
                  />
                  {etichetta}
                </label>
              ))}
            </div>
          </fieldset>
          <div className="row g-3 align-items-start">
            {modo === 'codiceFiscale' && (
              <div className="col-md-5">
                <Campo
                  label="Codice fiscale"
                  required
                  value={valori.cf}
                  onChange={(event) => imposta('cf', event.target.value.toUpperCase())}
                  onBlur={() => valori.cf && setErrori({ cf: controllaCf(valori.cf) })}
                  errore={errori.cf}
                  maxLength={16}
                  spellCheck={false}
                  autoComplete="off"
                  className="campo--monospace"
                />
              </div>
            )}
            {modo === 'generalita' && (
              <>
                <div className="col-md-4">
                  <Campo label="Cognome" required value={valori.cognome} onChange={(event) => imposta('cognome', event.target.value)} errore={errori.cognome} autoComplete="off" />
                </div>
                <div className="col-md-4">
                  <Campo label="Nome" required value={valori.nome} onChange={(event) => imposta('nome', event.target.value)} errore={errori.nome} autoComplete="off" />
                </div>
                <div className="col-md-4">
                  <Campo
                    label="Data di nascita"
                    required
                    value={valori.data}
                    onChange={(event) => imposta('data', event.target.value)}
                    onBlur={() => valori.data && setErrori((prev) => ({ ...prev, data: controllaData(valori.data) }))}
                    errore={errori.data}
                    placeholder="gg/mm/aaaa"
                    inputMode="numeric"
                    autoComplete="off"
                    aiuto="Formato gg/mm/aaaa"
                  />
                </div>
              </>
            )}
            {modo === 'idAnpr' && (
              <div className="col-md-5">
                <Campo
                  label="ID ANPR"
                  required
                  value={valori.id}
                  onChange={(event) => imposta('id', event.target.value.toUpperCase())}
                  errore={errori.id}
                  maxLength={16}
                  spellCheck={false}
                  autoComplete="off"
                  aiuto="Identificativo ANPR del soggetto (es. AB12345CD)"
                />
              </div>
            )}
          </div>
          <Button color="primary" type="submit" disabled={inCorso} className="mt-2">
            {inCorso ? 'Ricerca in corso…' : 'Cerca'}
          </Button>
        </form>
      </section>
      {errore && <Alert color="danger">{errore}</Alert>}
      {esito && (
        <section aria-labelledby="titolo-risultati" data-testid="risultati">
          <h2 id="titolo-risultati" ref={risultatiRef} tabIndex={-1} className="h4">
            Risultati ({esito.soggetti.length})
          </h2>
          <FonteDati fonte={esito} />
          {esito.fonte === 'anpr' && esito.avviso && <Alert color="info">{esito.avviso}</Alert>}
          {esito.soggetti.length > 0 && (
            <div className="table-responsive tabella-dati">
              <table className="table table-hover align-middle mb-0">
                <caption className="visually-hidden">Soggetti trovati</caption>
                <thead>
                  {tabella.getHeaderGroups().map((gruppo) => (
                    <tr key={gruppo.id}>
                      {gruppo.headers.map((header) => (
                        <th key={header.id} scope="col">
                          {flexRender(header.column.columnDef.header, header.getContext())}
                        </th>
                      ))}
                    </tr>
                  ))}
                </thead>
                <tbody>
                  {tabella.getRowModel().rows.map((riga) => (
                    <tr key={riga.id}>
                      {riga.getVisibleCells().map((cella) => (
                        <td key={cella.id}>{flexRender(cella.column.columnDef.cell, cella.getContext())}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      )}
    </>
  );
}
