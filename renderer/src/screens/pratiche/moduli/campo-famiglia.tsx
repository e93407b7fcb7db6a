/**
 * The family (or convivenza) of a pratica, picked from a search, never typed:
 * the clerk searches a person (codice fiscale or surname, name, birth date),
 * picks them from the list, and their family's ID ANPR fills the field, with
 * the head and the members shown to confirm it is the right one.
 */
import { useId, useState, type KeyboardEvent } from 'react';
import { Alert, Button } from 'design-react-kit';
import { get, useWatch, type FieldValues, type Path, type PathValue, type UseFormReturn } from 'react-hook-form';
import type { SchedaFamiglia, SoggettoSintesi } from '../../../../../shared/ipc/contract';
import { bridge, unwrap } from '../../../bridge';
import { formatData, messaggioErrore } from '../../../format';
import { CampiRicerca, SceltaModo } from '../../ricerca/CampiRicerca';
import { ElencoSoggetti } from '../../ricerca/ElencoSoggetti';
import { costruisciCriterio, descriviCriterio, VALORI_VUOTI, type Errori, type Modo, type Valori } from '../../ricerca/criteri';
import { useRicercaSoggetti } from '../../ricerca/useRicercaSoggetti';

const MODI: { modo: Modo; etichetta: string }[] = [
  { modo: 'codiceFiscale', etichetta: 'Codice fiscale' },
  { modo: 'generalita', etichetta: 'Cognome e nome' },
];

export function CampoFamiglia<V extends FieldValues>({ form, nome, label, obbligatorio, convivenza }: { form: UseFormReturn<V>; nome: Path<V>; label: string; obbligatorio?: boolean; convivenza?: boolean }) {
  const id = useId();
  const valore = (useWatch({ control: form.control, name: nome }) as string | undefined) ?? '';
  const errore = (get(form.formState.errors, nome) as { message?: unknown } | undefined)?.message;
  const [scelta, setScelta] = useState<SchedaFamiglia | null>(null);
  const [aperta, setAperta] = useState(!valore);
  const [modo, setModo] = useState<Modo>('codiceFiscale');
  const [valori, setValori] = useState<Valori>(VALORI_VUOTI);
  const [errori, setErrori] = useState<Errori>({});
  const { risultato, errore: erroreRicerca, inCorso, cerca, pulisci } = useRicercaSoggetti();
  const [lettura, setLettura] = useState<{ inCorso: boolean; messaggio: string | null }>({ inCorso: false, messaggio: null });
  const cosa = convivenza ? 'convivenza' : 'famiglia';

  const avvia = () => {
    const r = costruisciCriterio(modo, valori);
    if ('errori' in r) {
      pulisci();
      setErrori(r.errori);
      return;
    }
    setErrori({});
    void cerca(r.criterio);
  };

  // Enter in a search field searches; it must not submit the pratica's form.
  const invio = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && (e.target as HTMLElement).tagName === 'INPUT') {
      e.preventDefault();
      avvia();
    }
  };

  const scegli = async (s: SoggettoSintesi) => {
    if (!bridge) return;
    setLettura({ inCorso: true, messaggio: null });
    try {
      const letta = await unwrap(bridge.ricerca.scheda({ idSchedaSoggettoANPR: s.idSchedaSoggettoANPR }));
      const f = letta.famiglia;
      if (!f?.idFamigliaANPR) {
        setLettura({ inCorso: false, messaggio: `${s.cognome} ${s.nome} non fa parte di una famiglia o convivenza anagrafica: cercare un'altra persona.` });
        return;
      }
      form.setValue(nome, f.idFamigliaANPR as PathValue<V, Path<V>>, { shouldDirty: true, shouldValidate: true });
      setScelta(f);
      setAperta(false);
      setLettura({ inCorso: false, messaggio: null });
      pulisci();
    } catch (error) {
      setLettura({ inCorso: false, messaggio: messaggioErrore(error) });
    }
  };

  const intestatario = scelta?.componenti.find((c) => /intestatario/i.test(c.relazione ?? '')) ?? scelta?.componenti[0];
  const descrittoDa = [`${id}-aiuto`, typeof errore === 'string' ? `${id}-errore` : null].filter(Boolean).join(' ');
  return (
    <div className="campo-famiglia" data-testid="campo-famiglia">
      <div className="campo col-12 col-md-4 px-0">
        <label htmlFor={id} className="campo__label">
          {label}
          {obbligatorio && <span className="campo__obbligatorio" aria-hidden="true"> *</span>}
        </label>
        <input id={id} type="text" readOnly className={`form-control-plaintext font-monospace${typeof errore === 'string' ? ' is-invalid' : ''}`} aria-invalid={typeof errore === 'string' ? true : undefined} aria-describedby={descrittoDa} placeholder="Nessuna" {...form.register(nome)} />
        <div id={`${id}-aiuto`} className="campo__aiuto">
          Si sceglie cercando una persona della {cosa}.
        </div>
        {typeof errore === 'string' && (
          <div id={`${id}-errore`} className="campo__errore" role="alert">
            {errore}
          </div>
        )}
      </div>
      {scelta && (
        <div className="fonte-dati mb-2" data-testid="famiglia-scelta" role="status">
          <strong>
            {scelta.tipo === 'convivenza' ? `Convivenza ${scelta.denominazione ?? ''}` : `Famiglia di ${intestatario ? `${intestatario.cognome} ${intestatario.nome}` : '—'}`}
          </strong>
          {scelta.indirizzo && <span className="d-block">{scelta.indirizzo}</span>}
          <span className="d-block">
            Componenti: {scelta.componenti.map((c) => `${c.cognome} ${c.nome}${c.relazione ? ` (${c.relazione})` : ''}`).join(', ')}
          </span>
        </div>
      )}
      {!aperta ? (
        <Button type="button" color="primary" outline size="sm" onClick={() => setAperta(true)}>
          {valore ? `Cambia ${cosa}` : `Cerca la ${cosa}`}
        </Button>
      ) : (
        <div role="search" aria-label={`Cerca la ${cosa}`} className="pannello pannello--interno" onKeyDown={invio}>
          <SceltaModo
            legenda={`Cerca una persona della ${cosa} per`}
            nome={`${id}-modo`}
            modi={MODI}
            modo={modo}
            onCambia={(m) => {
              setModo(m);
              setErrori({});
            }}
          />
          <CampiRicerca modo={modo} valori={valori} errori={errori} imposta={(campo, v) => setValori((prev) => ({ ...prev, [campo]: v }))} />
          <Button type="button" color="primary" size="sm" className="mt-2" onClick={avvia} disabled={inCorso}>
            {inCorso ? 'Ricerca in corso…' : 'Cerca persona'}
          </Button>
          {erroreRicerca && <Alert color="danger" className="mt-2">{erroreRicerca}</Alert>}
          {lettura.messaggio && <Alert color="warning" className="mt-2">{lettura.messaggio}</Alert>}
          {valore && (
            <Button
              type="button"
              color="secondary"
              outline
              size="sm"
              className="mt-2 ms-2"
              onClick={() => {
                pulisci();
                setAperta(false);
              }}
            >
              Mantieni la {cosa} scelta
            </Button>
          )}
          {lettura.inCorso && <p aria-live="polite" className="text-secondary mt-2">Lettura della {cosa} da ANPR…</p>}
          {risultato && (
            <div className="mt-2" data-testid="persone-trovate">
              <p className="mb-1">
                {risultato.esito.soggetti.length === 0
                  ? (risultato.esito.avviso ?? 'Nessuna persona trovata.')
                  : `${risultato.esito.soggetti.length} ${risultato.esito.soggetti.length === 1 ? 'persona trovata' : 'persone trovate'} per ${descriviCriterio(risultato.criterio)}.`}
              </p>
              {risultato.esito.soggetti.length > 0 && (
                <ElencoSoggetti
                  soggetti={risultato.esito.soggetti}
                  didascalia="Persone trovate"
                  azione={(s) => (
                    <Button type="button" color="primary" size="sm" onClick={() => void scegli(s)} disabled={lettura.inCorso} aria-label={`Scegli la ${cosa} di ${s.cognome} ${s.nome}, nato il ${formatData(s.dataNascita)}`}>
                      Scegli
                    </Button>
                  )}
                />
              )}
            </div>
          )}
        </div>
      )}
    </div>
  );
}
