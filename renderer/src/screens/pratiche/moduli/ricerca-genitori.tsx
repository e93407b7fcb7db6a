/**
 * 3001 from the birth form: looks the father and the mother up among ANPR's
 * residents with the names typed in their sections, and lets the clerk take
 * a match into the form (codice fiscale, ID, birth date, sex) together with
 * the family the newborn will join.
 */
import { useId, useState } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import type { EsitoRicercaGenitori, GenitoreTrovato, RicercaGenitori } from '../../../../../shared/ipc/contract';
import { bridge, unwrap } from '../../../bridge';
import { dataIt, testo, type SoggettoValori } from '../../../../../shared/anpr/moduli/regole';
import type { Valori1001 } from '../../../../../shared/anpr/moduli/m1001';

type Ruolo = 'padre' | 'madre';

function cercato(v: SoggettoValori): RicercaGenitori['padre'] {
  const cognome = testo(v.cognome);
  const nome = testo(v.nome);
  if (!cognome || !nome) return undefined;
  const cf = testo(v.codiceFiscale);
  return { cognome, nome, ...(cf ? { codiceFiscale: cf } : {}) };
}

export function RicercaGenitori1001({ form }: { form: UseFormReturn<Valori1001> }) {
  const id = useId();
  const [esito, setEsito] = useState<EsitoRicercaGenitori | null>(null);
  const [errore, setErrore] = useState<string | null>(null);
  const [inCorso, setInCorso] = useState(false);
  const [scelti, setScelti] = useState<Partial<Record<Ruolo, string>>>({});

  const cerca = async () => {
    const padre = cercato(form.getValues('padre'));
    const madre = cercato(form.getValues('madre'));
    setEsito(null);
    setScelti({});
    if (!padre && !madre) {
      setErrore('Indicare cognome e nome del padre o della madre (e, se noto, il codice fiscale), poi cercare.');
      return;
    }
    if (!bridge) return;
    setErrore(null);
    setInCorso(true);
    try {
      setEsito(await unwrap(bridge.ricerca.genitori({ ...(padre ? { padre } : {}), ...(madre ? { madre } : {}) })));
    } catch (e) {
      setErrore(e instanceof Error ? e.message : String(e));
    } finally {
      setInCorso(false);
    }
  };

  const usa = (ruolo: Ruolo, g: GenitoreTrovato) => {
    const opzioni = { shouldDirty: true, shouldValidate: true } as const;
    form.setValue(`${ruolo}.idSchedaSoggettoANPR`, g.idSchedaSoggettoANPR, opzioni);
    form.setValue(`${ruolo}.codiceFiscale`, g.codiceFiscale ?? '', opzioni);
    form.setValue(`${ruolo}.cognome`, g.cognome, opzioni);
    form.setValue(`${ruolo}.nome`, g.nome, opzioni);
    form.setValue(`${ruolo}.dataNascita`, dataIt(g.dataNascita ?? undefined), opzioni);
    if (g.sesso === 'M' || g.sesso === 'F') form.setValue(`${ruolo}.sesso`, g.sesso, opzioni);
    // The newborn joins the parents' family: its ID makes the request unambiguous.
    const attribuzione = form.getValues('attribuzioneFamiglia');
    const famigliaDelGenitore = attribuzione === '1' || (attribuzione === '2' && ruolo === 'padre') || (attribuzione === '3' && ruolo === 'madre');
    if (famigliaDelGenitore && g.idFamigliaConvivenzaANPR && !testo(form.getValues('idFamiglia'))) {
      form.setValue('idFamiglia', g.idFamigliaConvivenzaANPR, opzioni);
    }
    setScelti((s) => ({ ...s, [ruolo]: g.idSchedaSoggettoANPR }));
  };

  const elenco = (ruolo: Ruolo, titolo: string, trovati: GenitoreTrovato[]) =>
    trovati.length > 0 && (
      <div className="mb-2">
        <h3 className="h6 mb-1">{titolo}</h3>
        <ul className="list-unstyled mb-0" aria-label={titolo}>
          {trovati.map((g) => (
            <li key={g.idSchedaSoggettoANPR} className="d-flex flex-wrap align-items-center gap-2 py-1 border-bottom">
              <span className="flex-grow-1">
                <strong>
                  {g.cognome} {g.nome}
                </strong>
                {g.codiceFiscale && (
                  <>
                    {' · '}
                    <span className="font-monospace">{g.codiceFiscale}</span>
                  </>
                )}
                {g.dataNascita && <> · nato/a il {dataIt(g.dataNascita)}</>}
                {g.luogoNascita && <> a {g.luogoNascita}</>}
                {g.residenza && <> · {g.residenza}</>}
                {g.idFamigliaConvivenzaANPR && <> · famiglia {g.idFamigliaConvivenzaANPR}</>}
              </span>
              {scelti[ruolo] === g.idSchedaSoggettoANPR ? (
                <span className="badge bg-success">Inserito nel modulo</span>
              ) : (
                <button type="button" className="btn btn-outline-primary btn-sm" onClick={() => usa(ruolo, g)}>
                  Usa come {ruolo} ({g.cognome} {g.nome})
                </button>
              )}
            </li>
          ))}
        </ul>
      </div>
    );

  return (
    <div data-testid="ricerca-genitori">
      <button type="button" className="btn btn-primary btn-sm mb-2" onClick={() => void cerca()} disabled={inCorso} aria-describedby={`${id}-esito`}>
        {inCorso ? 'Ricerca in corso…' : 'Cerca i genitori in ANPR'}
      </button>
      <div id={`${id}-esito`} aria-live="polite">
        {errore && <p className="campo__errore mb-2">{errore}</p>}
        {esito?.avviso && <p className="alert alert-warning py-2 mb-2">{esito.avviso}</p>}
        {esito && elenco('padre', 'Padri trovati', esito.padri)}
        {esito && elenco('madre', 'Madri trovate', esito.madri)}
      </div>
    </div>
  );
}
