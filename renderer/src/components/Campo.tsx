/**
 * A labelled form field with its inline error (Italian), wired for screen
 * readers: `aria-invalid`, `aria-describedby` pointing at the hint and the
 * error. Plain bootstrap-italia markup (no floating labels).
 */
import { useId, type InputHTMLAttributes, type ReactNode } from 'react';

export interface CampoProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> {
  label: string;
  errore?: string | null;
  aiuto?: ReactNode;
  id?: string;
}

export function Campo({ label, errore, aiuto, id, className, required, ...input }: CampoProps) {
  const generated = useId();
  const inputId = id ?? generated;
  const aiutoId = `${inputId}-aiuto`;
  const erroreId = `${inputId}-errore`;
  const describedBy = [aiuto ? aiutoId : null, errore ? erroreId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`campo ${className ?? ''}`}>
      <label htmlFor={inputId} className="campo__label">
        {label}
        {required && <span className="campo__obbligatorio" aria-hidden="true"> *</span>}
      </label>
      <input
        id={inputId}
        className={`form-control${errore ? ' is-invalid' : ''}`}
        aria-invalid={errore ? true : undefined}
        aria-describedby={describedBy}
        required={required}
        {...input}
      />
      {aiuto && (
        <div id={aiutoId} className="campo__aiuto">
          {aiuto}
        </div>
      )}
      {errore && (
        <div id={erroreId} className="campo__errore" role="alert">
          {errore}
        </div>
      )}
    </div>
  );
}
