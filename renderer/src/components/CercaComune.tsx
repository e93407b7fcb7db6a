/**
 * Type-ahead on the official table of comuni (ANPR Tabella comuni, with
 * validity dates): an ARIA 1.2 combobox. Typing a name (or the start of the
 * ISTAT code) lists matching comuni valid at `data`; ↑/↓ move, Invio picks,
 * Esc closes. Picking calls `onScelto` with the record (ISTAT, name, province).
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { ComuneTabella } from '../../../shared/ipc/contract';
import { bridge, unwrap } from '../bridge';
import { formatData } from '../format';

export interface CercaComuneProps {
  label: string;
  /** The text in the box (the comune's name). */
  valore: string;
  onTesto(testo: string): void;
  onScelto(comune: ComuneTabella): void;
  /** ISO date: only comuni valid then. */
  data?: string;
  errore?: string;
  aiuto?: string;
  obbligatorio?: boolean;
  onBlur?(): void;
  name?: string;
}

export function CercaComune({ label, valore, onTesto, onScelto, data, errore, aiuto, obbligatorio, onBlur, name }: CercaComuneProps) {
  const id = useId();
  const listaId = `${id}-lista`;
  const [voci, setVoci] = useState<ComuneTabella[]>([]);
  const [aperta, setAperta] = useState(false);
  const [attiva, setAttiva] = useState(-1);
  const richiesta = useRef(0);
  const digitato = useRef(false);

  useEffect(() => {
    if (!digitato.current || !bridge) return;
    const testo = valore.trim();
    if (testo.length < 2) {
      setVoci([]);
      return;
    }
    const n = ++richiesta.current;
    const t = setTimeout(() => {
      void unwrap(bridge!.tabelle.comuni({ testo, data, limite: 12 }))
        .then((r) => {
          if (n !== richiesta.current) return;
          setVoci(r);
          setAttiva(r.length ? 0 : -1);
          setAperta(true);
        })
        .catch(() => setVoci([]));
    }, 120);
    return () => clearTimeout(t);
  }, [valore, data]);

  const scegli = (c: ComuneTabella) => {
    digitato.current = false;
    onScelto(c);
    setAperta(false);
    setVoci([]);
  };

  const tasto = (e: KeyboardEvent<HTMLInputElement>) => {
    if (!aperta || voci.length === 0) {
      if (e.key === 'ArrowDown' && voci.length) setAperta(true);
      return;
    }
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setAttiva((a) => Math.min(voci.length - 1, a + 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setAttiva((a) => Math.max(0, a - 1));
    } else if (e.key === 'Enter' && attiva >= 0) {
      e.preventDefault();
      scegli(voci[attiva]!);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      setAperta(false);
    } else if (e.key === 'Tab' && attiva >= 0 && voci.length === 1) {
      scegli(voci[0]!);
    }
  };

  const descritto = [aiuto ? `${id}-aiuto` : null, errore ? `${id}-errore` : null].filter(Boolean).join(' ') || undefined;
  const espansa = aperta && voci.length > 0;
  return (
    <div className="campo cerca-comune">
      <label htmlFor={id} className="campo__label">
        {label}
        {obbligatorio && <span className="campo__obbligatorio" aria-hidden="true"> *</span>}
      </label>
      <input
        id={id}
        name={name}
        type="text"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={espansa}
        aria-controls={listaId}
        aria-activedescendant={espansa && attiva >= 0 ? `${listaId}-${attiva}` : undefined}
        aria-invalid={errore ? true : undefined}
        aria-describedby={descritto}
        aria-required={obbligatorio || undefined}
        className={`form-control${errore ? ' is-invalid' : ''}`}
        autoComplete="off"
        value={valore}
        onChange={(e) => {
          digitato.current = true;
          onTesto(e.target.value);
        }}
        onKeyDown={tasto}
        onBlur={() => {
          setTimeout(() => setAperta(false), 150);
          onBlur?.();
        }}
      />
      <ul id={listaId} role="listbox" aria-label={`Comuni per «${label}»`} className={`cerca-comune__lista${espansa ? '' : ' d-none'}`}>
        {voci.map((c, i) => (
          <li
            key={`${c.codiceIstat}-${c.dal ?? ''}-${c.denominazione}`}
            id={`${listaId}-${i}`}
            role="option"
            aria-selected={i === attiva}
            className={`cerca-comune__voce${i === attiva ? ' cerca-comune__voce--attiva' : ''}`}
            onMouseDown={(e) => {
              e.preventDefault();
              scegli(c);
            }}
          >
            <span className="fw-semibold">{c.denominazione}</span> ({c.siglaProvincia}) <span className="text-muted small">ISTAT {c.codiceIstat}{c.al ? ` · fino al ${formatData(c.al)}` : ''}</span>
          </li>
        ))}
      </ul>
      {aiuto && (
        <div id={`${id}-aiuto`} className="campo__aiuto">
          {aiuto}
        </div>
      )}
      {errore && (
        <div id={`${id}-errore`} className="campo__errore" role="alert">
          {errore}
        </div>
      )}
    </div>
  );
}
