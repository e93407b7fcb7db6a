/** Subjects found by a search: name (to the sheet, or a pick action), birth, codice fiscale, residence, condition. */
import { useMemo, type ReactNode } from 'react';
import { createColumnHelper, flexRender, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import type { SoggettoSintesi } from '../../../../shared/ipc/contract';
import { formatData } from '../../format';

const CONDIZIONE: Record<SoggettoSintesi['condizione'], string> = {
  residente: 'Residente',
  deceduto: 'Deceduto',
  cancellato: 'Cancellato',
};

const colonna = createColumnHelper<SoggettoSintesi>();

export function ElencoSoggetti({ soggetti, azione, didascalia = 'Soggetti trovati' }: { soggetti: SoggettoSintesi[]; azione?: (s: SoggettoSintesi) => ReactNode; didascalia?: string }) {
  const colonne = useMemo(
    () => [
      colonna.display({
        id: 'nominativo',
        header: 'Cognome e nome',
        cell: ({ row }) =>
          azione ? (
            <span className="fw-semibold">
              {row.original.cognome} {row.original.nome}
            </span>
          ) : (
            <a href={`#/soggetti/${row.original.idSchedaSoggettoANPR}`} className="fw-semibold">
              {row.original.cognome} {row.original.nome}
            </a>
          ),
      }),
      colonna.accessor('dataNascita', { header: 'Nascita', cell: (c) => formatData(c.getValue()) }),
      colonna.accessor('codiceFiscale', { header: 'Codice fiscale', cell: (c) => <span className="font-monospace">{c.getValue() ?? '—'}</span> }),
      colonna.accessor('luogoNascita', { header: 'Luogo di nascita', cell: (c) => c.getValue() ?? '—' }),
      colonna.accessor('residenza', { header: 'Residenza', cell: (c) => c.getValue() ?? '—' }),
      colonna.accessor('condizione', { header: 'Condizione', cell: (c) => CONDIZIONE[c.getValue()] }),
      ...(azione ? [colonna.display({ id: 'azione', header: () => <span className="visually-hidden">Azione</span>, cell: ({ row }) => azione(row.original) })] : []),
    ],
    [azione],
  );
  const tabella = useReactTable({ data: soggetti, columns: colonne, getCoreRowModel: getCoreRowModel() });
  return (
    <div className="table-responsive tabella-dati">
      <table className="table table-hover align-middle mb-0">
        <caption className="visually-hidden">{didascalia}</caption>
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
  );
}
