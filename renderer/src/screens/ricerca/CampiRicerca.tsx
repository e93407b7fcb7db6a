/** The search fields of one mode (codice fiscale, generalità, address, ID ANPR), shared by the search screen and the family picker. */
import { Campo } from '../../components/Campo';
import type { Errori, Modo, Valori } from './criteri';

export function CampiRicerca({ modo, valori, errori, imposta }: { modo: Modo; valori: Valori; errori: Errori; imposta: (campo: keyof Valori, valore: string) => void }) {
  return (
    <div className="row g-3 align-items-start">
      {modo === 'codiceFiscale' && (
        <div className="col-md-5">
          <Campo
            label="Codice fiscale"
            required
            value={valori.cf}
            onChange={(event) => imposta('cf', event.target.value.toUpperCase())}
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
            <Campo label="Nome" value={valori.nome} onChange={(event) => imposta('nome', event.target.value)} errore={errori.nome} autoComplete="off" aiuto="Facoltativo" />
          </div>
          <div className="col-md-4">
            <Campo
              label="Data di nascita"
              value={valori.data}
              onChange={(event) => imposta('data', event.target.value)}
              errore={errori.data}
              placeholder="gg/mm/aaaa"
              inputMode="numeric"
              autoComplete="off"
              aiuto="Facoltativa, formato gg/mm/aaaa"
            />
          </div>
        </>
      )}
      {modo === 'indirizzo' && (
        <>
          <div className="col-md-6">
            <Campo label="Via" required value={valori.via} onChange={(event) => imposta('via', event.target.value)} errore={errori.via} autoComplete="off" aiuto="Es. ROMA o VIA ROMA" />
          </div>
          <div className="col-md-3">
            <Campo label="Numero civico" value={valori.numero} onChange={(event) => imposta('numero', event.target.value)} errore={errori.numero} inputMode="numeric" autoComplete="off" aiuto="Facoltativo" />
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
  );
}

/** The radio group that picks the search mode (the modes offered differ: the family picker has no address search). */
export function SceltaModo({ legenda, nome, modi, modo, onCambia, className = 'mb-2' }: { legenda: string; nome: string; modi: readonly { modo: Modo; etichetta: string }[]; modo: Modo; onCambia: (modo: Modo) => void; className?: string }) {
  return (
    <fieldset className={className}>
      <legend className="campo__label mb-2">{legenda}</legend>
      <div className="scelta-modo">
        {modi.map(({ modo: m, etichetta }) => (
          <label key={m} className={`scelta-modo__opzione${modo === m ? ' scelta-modo__opzione--attiva' : ''}`}>
            <input type="radio" name={nome} value={m} checked={modo === m} onChange={() => onCambia(m)} />
            {etichetta}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
