/**
 * Ricerca (3002): by codice fiscale, by surname (name and birth date
 * optional), by address (local copies: ANPR has no address search) or by ID
 * ANPR. "Cerca" always does something visible: the errors at the fields
 * (focus on the first) or a search. Each result is shown with the criteria
 * that produced it; the last search survives going to a scheda and back.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Alert, Button } from 'design-react-kit';
import { FonteDati } from './FonteDati';
import { CampiRicerca, SceltaModo } from './CampiRicerca';
import { ElencoSoggetti } from './ElencoSoggetti';
import { costruisciCriterio, descriviCriterio, VALORI_VUOTI, type Errori, type Modo, type Valori } from './criteri';
import { useRicercaSoggetti, type RisultatoRicerca } from './useRicercaSoggetti';

const MODI: { modo: Modo; etichetta: string }[] = [
  { modo: 'codiceFiscale', etichetta: 'Codice fiscale' },
  { modo: 'generalita', etichetta: 'Cognome, nome e data di nascita' },
  { modo: 'indirizzo', etichetta: 'Indirizzo' },
  { modo: 'idAnpr', etichetta: 'ID ANPR' },
];

interface Memoria {
  modo: Modo;
  valori: Valori;
  risultato: RisultatoRicerca | null;
}

/** Kept for the session of the page: back from a scheda, the results are still there. */
let memoria: Memoria = { modo: 'codiceFiscale', valori: VALORI_VUOTI, risultato: null };

export function Ricerca() {
  const [modo, setModo] = useState<Modo>(memoria.modo);
  const [valori, setValori] = useState(memoria.valori);
  const [errori, setErrori] = useState<Errori>({});
  const { risultato, errore, inCorso, cerca, pulisci } = useRicercaSoggetti(memoria.risultato);
  const risultatiRef = useRef<HTMLHeadingElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const focalizza = useRef<'risultati' | 'errore' | null>(null);

  // After a search, focus moves to the results heading; after a refusal at the fields, to the first wrong field.
  useEffect(() => {
    if (focalizza.current === 'risultati' && risultato) {
      focalizza.current = null;
      risultatiRef.current?.focus();
    } else if (focalizza.current === 'errore') {
      focalizza.current = null;
      formRef.current?.querySelector<HTMLInputElement>('[aria-invalid="true"]')?.focus();
    }
  }, [risultato, errori]);

  useEffect(() => {
    memoria = { modo, valori, risultato };
  }, [modo, valori, risultato]);

  const imposta = (campo: keyof Valori, valore: string) => {
    setValori((prev) => ({ ...prev, [campo]: valore }));
    // An error already shown is cleared as soon as the clerk corrects the field.
    if (errori[campo]) setErrori((prev) => ({ ...prev, [campo]: undefined }));
  };

  const invia = async (event: FormEvent) => {
    event.preventDefault();
    const r = costruisciCriterio(modo, valori);
    if ('errori' in r) {
      // Results of earlier criteria must not stay under criteria that are wrong.
      pulisci();
      focalizza.current = 'errore';
      setErrori(r.errori);
      return;
    }
    setErrori({});
    focalizza.current = 'risultati';
    await cerca(r.criterio);
  };

  const esito = risultato?.esito;
  return (
    <>
      <h1 className="h2 mb-3">Ricerca soggetti</h1>
      <section className="pannello mb-4" aria-labelledby="titolo-criteri">
        <h2 id="titolo-criteri" className="h5 mb-3">Criteri di ricerca in ANPR</h2>
        <form ref={formRef} onSubmit={(event) => void invia(event)} noValidate aria-label="Ricerca soggetti">
          <SceltaModo
            legenda="Cerca per"
            nome="modo-ricerca"
            modi={MODI}
            modo={modo}
            className="mb-3"
            onCambia={(m) => {
              setModo(m);
              setErrori({});
            }}
          />
          {modo === 'generalita' && <p className="text-secondary small mb-2">Basta il cognome: nome e data di nascita restringono la ricerca.</p>}
          {modo === 'indirizzo' && (
            <p className="text-secondary small mb-2" data-testid="nota-indirizzo">
              ANPR non offre la ricerca per indirizzo: si cercano le persone lette in precedenza da questa postazione (dati non certificabili).
            </p>
          )}
          <CampiRicerca modo={modo} valori={valori} errori={errori} imposta={imposta} />
          <Button color="primary" type="submit" disabled={inCorso} className="mt-2">
            {inCorso ? 'Ricerca in corso…' : 'Cerca'}
          </Button>
        </form>
      </section>
      {inCorso && (
        <p aria-live="polite" className="text-secondary">
          Ricerca in corso…
        </p>
      )}
      {errore && <Alert color="danger">{errore}</Alert>}
      {risultato && esito && (
        <section aria-labelledby="titolo-risultati" data-testid="risultati">
          <h2 id="titolo-risultati" ref={risultatiRef} tabIndex={-1} className="h4">
            Risultati ({esito.soggetti.length})
          </h2>
          <p className="mb-2" data-testid="criteri-risultati">
            Ricerca per {descriviCriterio(risultato.criterio)}
          </p>
          <FonteDati fonte={esito} />
          {esito.fonte === 'anpr' && esito.avviso && <Alert color="info">{esito.avviso}</Alert>}
          {esito.soggetti.length > 1 && <p className="text-secondary small mb-2">Scegliere la persona dall'elenco per aprirne la scheda.</p>}
          {esito.soggetti.length > 0 && <ElencoSoggetti soggetti={esito.soggetti} />}
        </section>
      )}
    </>
  );
}
