/**
 * A file chooser with an Italian label: the native file input speaks the
 * browser's language, so a label styled as a button stands in for it and the
 * chosen file's name is shown beside it.
 */
export function SceltaFile({ id, etichetta, accept, file, onScelta }: { id: string; etichetta: string; accept: string; file: File | null; onScelta: (file: File | null) => void }) {
  return (
    <>
      <span className="campo__label" id={`${id}-etichetta`}>
        {etichetta}
      </span>
      <div className="scelta-file">
        <input id={id} type="file" className="scelta-file__input" accept={accept} aria-labelledby={`${id}-etichetta ${id}-pulsante`} onChange={(event) => onScelta(event.target.files?.[0] ?? null)} />
        <label htmlFor={id} id={`${id}-pulsante`} className="btn btn-outline-primary btn-sm scelta-file__pulsante">
          Scegli file…
        </label>
        <span className="scelta-file__nome">{file ? file.name : 'Nessun file scelto'}</span>
      </div>
    </>
  );
}
