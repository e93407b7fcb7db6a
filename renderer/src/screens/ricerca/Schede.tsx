/**
 * Scheda soggetto and scheda famiglia, from one 3002 read (the subject with
 * the whole family). The last read is kept for a minute, so moving between
 * the two sheets does not ask ANPR again; "Aggiorna da ANPR" does.
 */
import { useCallback, useEffect, useRef, useState, type ReactNode, type Ref } from 'react';
import { Alert, Button } from 'design-react-kit';
import type { DettaglioSoggetto, SchedaCompleta, SchedaFamiglia } from '../../../../shared/ipc/contract';
import { bridge, unwrap } from '../../bridge';
import { formatData, messaggioErrore } from '../../format';
import { FonteDati } from './FonteDati';
import { navigate } from '../../routing';
import { puoModificare, useSessione } from '../../session';
import { MODULI_NUOVI } from '../pratiche/moduli';

const VALIDITA_MS = 60_000;
const cache = new Map<string, { scheda: SchedaCompleta; at: number }>();
// ANPR accepted a pratica: the sheets read before it are out of date.
bridge?.eventi.pratiche.cambiata((e) => {
  if (e.stato === 'accolta' || e.stato === 'accolta_con_avvisi') cache.clear();
});

function useScheda(id: string) {
  const [scheda, setScheda] = useState<SchedaCompleta | null>(() => {
    const hit = cache.get(id);
    return hit && Date.now() - hit.at < VALIDITA_MS ? hit.scheda : null;
  });
  const [errore, setErrore] = useState<string | null>(null);
  const [inCorso, setInCorso] = useState(false);

  const leggi = useCallback(async () => {
    if (!bridge) return;
    setInCorso(true);
    setErrore(null);
    try {
      const letta = await unwrap(bridge.ricerca.scheda({ idSchedaSoggettoANPR: id }));
      const at = Date.now();
      // The family members came in the same answer: the same read serves their sheets too.
      cache.set(id, { scheda: letta, at });
      setScheda(letta);
    } catch (error) {
      setErrore(messaggioErrore(error));
    } finally {
      setInCorso(false);
    }
  }, [id]);

  useEffect(() => {
    // Only on opening (the component is keyed by path): a fresh cached read is reused.
    if (!cache.has(id) || Date.now() - cache.get(id)!.at >= VALIDITA_MS) void leggi();
  }, [id, leggi]);

  return { scheda, errore, inCorso, leggi };
}

function Voce({ termine, children, testId }: { termine: string; children: ReactNode; testId?: string }) {
  return (
    <div className="voce">
      <dt>{termine}</dt>
      <dd data-testid={testId}>{children ?? '—'}</dd>
    </div>
  );
}

function Pannello({ titolo, id, children, className }: { titolo: string; id: string; children: ReactNode; className?: string }) {
  return (
    <section className={`pannello ${className ?? ''}`} aria-labelledby={id}>
      <h2 id={id} className="pannello__titolo">
        {titolo}
      </h2>
      {children}
    </section>
  );
}

/** Starts an operation form for this person (the form reads the person from ANPR). */
function AvviaPratica({ idSoggetto }: { idSoggetto: string }) {
  const { sessione } = useSessione();
  const [servizio, setServizio] = useState('5005');
  if (!puoModificare(sessione.ruolo)) return null;
  const voci = MODULI_NUOVI.filter((m) => m.servizio !== '1001' && m.servizio !== '1002');
  return (
    <form
      className="avvia-pratica"
      onSubmit={(e) => {
        e.preventDefault();
        navigate(`/pratiche/nuova?servizio=${servizio}&soggetto=${idSoggetto}`);
      }}
    >
      <label htmlFor="avvia-pratica-servizio" className="visually-hidden">
        Pratica da avviare
      </label>
      <select id="avvia-pratica-servizio" className="form-select form-select-sm" value={servizio} onChange={(e) => setServizio(e.target.value)}>
        {voci.map((m) => (
          <option key={m.servizio} value={m.servizio}>
            {m.servizio} – {m.titolo}
          </option>
        ))}
      </select>
      <Button color="primary" size="sm" type="submit">
        Avvia pratica
      </Button>
    </form>
  );
}

/**
 * Certificate issuance with this person preselected. Shown for the deceased and the cancelled too: ANPR issues
 * them the certificato di morte and di cancellazione (electron/features/certificazione/regole.ts refuses the others).
 */
function Certificato({ idSoggetto }: { idSoggetto: string }) {
  const { sessione } = useSessione();
  if (!puoModificare(sessione.ruolo)) return null;
  return (
    <a className="btn btn-outline-primary btn-sm" href={`#/certificati/soggetto/${idSoggetto}`}>
      Certificato
    </a>
  );
}

/** A deceased or cancelled person: the family they belonged to, as the local copies knew it, with its members' sheets. */
function FamigliaPrecedente({ scheda }: { scheda: SchedaCompleta }) {
  const s = scheda.soggetto;
  const p = scheda.famigliaPrecedente;
  const stato = s.decesso ? `deceduto${s.decesso.data ? ` il ${formatData(s.decesso.data)}` : ''}` : `cancellato dall'anagrafe${s.cancellazione?.data ? ` il ${formatData(s.cancellazione.data)}` : ''}`;
  return (
    <div data-testid="famiglia-precedente">
      <p className="mb-2">
        {s.cognome} {s.nome} risulta {stato} e non fa più parte di una famiglia anagrafica.
      </p>
      {p ? (
        <>
          <p className="mb-2">
            Apparteneva alla famiglia con ID ANPR <span className="font-monospace">{p.idFamigliaANPR ?? '—'}</span> (dati locali al {formatData(p.lettoIl)}, non certificabili). Gli altri
            componenti, dalla cui scheda si apre la famiglia com'è ora:
          </p>
          <ul className="mb-0">
            {p.componenti.map((c) => (
              <li key={c.idSchedaSoggettoANPR}>
                <a href={`#/soggetti/${c.idSchedaSoggettoANPR}/famiglia`}>
                  {c.cognome} {c.nome}
                </a>
                {c.relazione ? ` (${c.relazione})` : ''}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="text-secondary mb-0">Questa postazione non ha letto in precedenza la sua famiglia: cercare i familiari per cognome o codice fiscale.</p>
      )}
    </div>
  );
}

function Intestazione({ titolo, sottotitolo, azioni, titoloRef }: { titolo: string; sottotitolo: ReactNode; azioni: ReactNode; titoloRef: Ref<HTMLHeadingElement> }) {
  return (
    <div className="scheda-intestazione">
      <div>
        <h1 className="h2 mb-1" ref={titoloRef} tabIndex={-1}>
          {titolo}
        </h1>
        <p className="text-secondary mb-0">{sottotitolo}</p>
      </div>
      <div className="scheda-intestazione__azioni">{azioni}</div>
    </div>
  );
}

function Stato({ errore, inCorso, children }: { errore: string | null; inCorso: boolean; children: ReactNode }) {
  return (
    <>
      <p className="mb-2">
        <a href="#/ricerca">← Torna alla ricerca</a>
      </p>
      {errore && <Alert color="danger">{errore}</Alert>}
      {inCorso && (
        <p aria-live="polite" className="text-secondary">
          Lettura da ANPR in corso…
        </p>
      )}
      {children}
    </>
  );
}

const persona = (p: DettaglioSoggetto['paternita']) => (p ? `${p.descrizione}${p.codiceFiscale ? ` (${p.codiceFiscale})` : ''}` : null);

function useFocusTitolo(pronto: boolean) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (pronto) ref.current?.focus();
  }, [pronto]);
  return ref;
}

export function SchedaSoggettoScreen({ id }: { id: string }) {
  const { scheda, errore, inCorso, leggi } = useScheda(id);
  const titoloRef = useFocusTitolo(!!scheda);
  if (!scheda) return <Stato errore={errore} inCorso={inCorso}>{null}</Stato>;
  const s = scheda.soggetto;
  return (
    <Stato errore={errore} inCorso={inCorso}>
      <Intestazione
        titoloRef={titoloRef}
        titolo={`${s.cognome} ${s.nome}`}
        sottotitolo={
          <>
            Scheda soggetto · <span className="font-monospace">{s.codiceFiscale ?? '—'}</span>
            {s.condizione !== 'residente' && <span className="badge bg-danger ms-2">{s.condizione === 'deceduto' ? 'Deceduto' : 'Cancellato'}</span>}
          </>
        }
        azioni={
          <>
            {(scheda.famiglia || s.condizione !== 'residente') && (
              <a className="btn btn-outline-primary btn-sm" href={`#/soggetti/${id}/famiglia`}>
                Scheda famiglia
              </a>
            )}
            <Button color="primary" size="sm" outline onClick={() => void leggi()} disabled={inCorso}>
              Aggiorna da ANPR
            </Button>
            <Certificato idSoggetto={id} />
            {s.condizione === 'residente' && <AvviaPratica idSoggetto={id} />}
          </>
        }
      />
      <FonteDati fonte={scheda} />
      <div className="griglia-schede">
        <div className="griglia-schede__colonna">
        <Pannello titolo="Generalità" id="sez-generalita">
          <dl className="voci">
            <Voce termine="Cognome" testId="scheda-cognome">{s.cognome}</Voce>
            <Voce termine="Nome">{s.nome}</Voce>
            <Voce termine="Codice fiscale" testId="scheda-cf">
              <span className="font-monospace">{s.codiceFiscale}</span>
            </Voce>
            <Voce termine="Validazione codice fiscale">{s.validitaCodiceFiscale}</Voce>
            <Voce termine="Sesso">{s.sesso === 'M' ? 'Maschile' : s.sesso === 'F' ? 'Femminile' : s.sesso}</Voce>
            <Voce termine="Data di nascita">{formatData(s.dataNascita)}</Voce>
            <Voce termine="Luogo di nascita">{s.luogoNascita}</Voce>
            <Voce termine="ID ANPR">
              <span className="font-monospace">{s.idANPR}</span>
            </Voce>
          </dl>
        </Pannello>
        <Pannello titolo="Genitori" id="sez-genitori">
          <dl className="voci">
            <Voce termine="Padre">{persona(s.paternita)}</Voce>
            <Voce termine="Madre">{persona(s.maternita)}</Voce>
          </dl>
        </Pannello>
        </div>
        <div className="griglia-schede__colonna">
        <Pannello titolo="Residenza" id="sez-residenza">
          <dl className="voci">
            <Voce termine="Indirizzo" testId="scheda-residenza">{s.residenza}</Voce>
            <Voce termine="Residente dal">{formatData(s.residenzaDal)}</Voce>
          </dl>
          {s.decesso && (
            <dl className="voci mt-2">
              <Voce termine="Data di decesso">{formatData(s.decesso.data)}</Voce>
              <Voce termine="Luogo di decesso">{s.decesso.luogo}</Voce>
            </dl>
          )}
          {s.cancellazione && (
            <dl className="voci mt-2">
              <Voce termine="Cancellato il">{formatData(s.cancellazione.data)}</Voce>
              <Voce termine="Motivo">{s.cancellazione.motivo}</Voce>
            </dl>
          )}
        </Pannello>
        <Pannello titolo="Cittadinanza e stato civile" id="sez-civile">
          <dl className="voci">
            <Voce termine="Cittadinanza" testId="scheda-cittadinanza">{s.cittadinanze.map((c) => c.descrizione).join(', ') || null}</Voce>
            <Voce termine="Stato civile" testId="scheda-stato-civile">{s.statoCivile}</Voce>
            {s.coniuge && <Voce termine="Coniuge">{persona(s.coniuge)}</Voce>}
            {s.dataMatrimonio && <Voce termine="Data matrimonio">{formatData(s.dataMatrimonio)}</Voce>}
            {s.unitoCivilmente && <Voce termine="Parte dell'unione civile">{persona(s.unitoCivilmente)}</Voce>}
            {s.dataUnione && <Voce termine="Data dell'unione civile">{formatData(s.dataUnione)}</Voce>}
          </dl>
        </Pannello>
        <Pannello titolo="Documenti" id="sez-documenti">
          {s.documenti.length === 0 ? (
            <p className="text-secondary mb-0">Nessun documento registrato in ANPR.</p>
          ) : (
            <table className="table table-sm mb-0">
              <caption className="visually-hidden">Documenti</caption>
              <thead>
                <tr>
                  <th scope="col">Documento</th>
                  <th scope="col">Numero</th>
                  <th scope="col">Rilascio</th>
                  <th scope="col">Scadenza</th>
                </tr>
              </thead>
              <tbody>
                {s.documenti.map((d, i) => (
                  <tr key={i}>
                    <td>{d.tipo}</td>
                    <td className="font-monospace">{d.numero ?? '—'}</td>
                    <td>{formatData(d.rilascio)}</td>
                    <td>{formatData(d.scadenza)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Pannello>
        </div>
        <Pannello titolo="Famiglia" id="sez-famiglia" className="griglia-schede__intera">
          {scheda.famiglia ? (
            <Componenti famiglia={scheda.famiglia} corrente={s.idSchedaSoggettoANPR} compatta />
          ) : s.condizione !== 'residente' ? (
            <FamigliaPrecedente scheda={scheda} />
          ) : (
            <p className="text-secondary mb-0">Nessuna famiglia anagrafica.</p>
          )}
        </Pannello>
      </div>
      {s.anomalie.length > 0 && (
        <Pannello titolo={`Anomalie segnalate da ANPR (${s.anomalie.length})`} id="sez-anomalie" className="mt-3">
          <ul className="mb-0">
            {s.anomalie.map((a) => (
              <li key={a.codice}>
                <span className={`badge ${a.tipo === 'E' ? 'bg-danger' : 'bg-warning text-dark'} me-2`}>{a.tipo === 'E' ? 'Errore' : 'Avviso'}</span>
                <span className="font-monospace me-2">{a.codice}</span>
                {a.testo}
              </li>
            ))}
          </ul>
        </Pannello>
      )}
    </Stato>
  );
}

function Componenti({ famiglia, corrente, compatta }: { famiglia: SchedaFamiglia; corrente?: string; compatta?: boolean }) {
  return (
    <div className="table-responsive">
      <table className={`table ${compatta ? 'table-sm' : ''} align-middle mb-0`} data-testid="componenti-famiglia">
        <caption className="visually-hidden">Componenti della {famiglia.tipo}</caption>
        <thead>
          <tr>
            {!compatta && <th scope="col">N.</th>}
            <th scope="col">Componente</th>
            <th scope="col">Relazione</th>
            {!compatta && <th scope="col">Codice fiscale</th>}
            <th scope="col">Nascita</th>
          </tr>
        </thead>
        <tbody>
          {famiglia.componenti.map((c) => (
            <tr key={c.idSchedaSoggettoANPR} aria-current={c.idSchedaSoggettoANPR === corrente ? 'true' : undefined} className={c.idSchedaSoggettoANPR === corrente ? 'riga-corrente' : undefined}>
              {!compatta && <td>{c.progressivo ?? '—'}</td>}
              <td>
                {c.idSchedaSoggettoANPR === corrente && compatta ? (
                  <span className="fw-semibold">
                    {c.cognome} {c.nome}
                  </span>
                ) : (
                  <a href={`#/soggetti/${c.idSchedaSoggettoANPR}`}>
                    {c.cognome} {c.nome}
                  </a>
                )}
              </td>
              <td>{c.relazione ?? '—'}</td>
              {!compatta && <td className="font-monospace">{c.codiceFiscale ?? '—'}</td>}
              <td>{formatData(c.dataNascita)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function SchedaFamigliaScreen({ id }: { id: string }) {
  const { scheda, errore, inCorso, leggi } = useScheda(id);
  const titoloRef = useFocusTitolo(!!scheda);
  if (!scheda) return <Stato errore={errore} inCorso={inCorso}>{null}</Stato>;
  const f = scheda.famiglia;
  if (!f) {
    if (scheda.soggetto.condizione !== 'residente') {
      return (
        <Stato errore={errore} inCorso={inCorso}>
          <Intestazione
            titoloRef={titoloRef}
            titolo={`Famiglia di ${scheda.soggetto.cognome} ${scheda.soggetto.nome}`}
            sottotitolo={<span className="badge bg-danger">{scheda.soggetto.condizione === 'deceduto' ? 'Deceduto' : 'Cancellato'}</span>}
            azioni={
              <a className="btn btn-outline-primary btn-sm" href={`#/soggetti/${id}`}>
                Scheda soggetto
              </a>
            }
          />
          <FonteDati fonte={scheda} />
          <Pannello titolo="Famiglia" id="sez-famiglia-precedente">
            <FamigliaPrecedente scheda={scheda} />
          </Pannello>
        </Stato>
      );
    }
    return (
      <Stato errore={errore} inCorso={inCorso}>
        <Alert color="info">Il soggetto non fa parte di una famiglia anagrafica.</Alert>
      </Stato>
    );
  }
  const intestatario = f.componenti[0];
  const titolo = f.tipo === 'convivenza' ? `Convivenza ${f.denominazione ?? ''}`.trim() : `Famiglia ${intestatario ? `${intestatario.cognome} ${intestatario.nome}` : ''}`.trim();
  return (
    <Stato errore={errore} inCorso={inCorso}>
      <Intestazione
        titoloRef={titoloRef}
        titolo={titolo}
        sottotitolo={`Scheda ${f.tipo} · ${f.componenti.length} ${f.componenti.length === 1 ? 'componente' : 'componenti'}`}
        azioni={
          <>
            <a className="btn btn-outline-primary btn-sm" href={`#/soggetti/${id}`}>
              Scheda soggetto
            </a>
            <Button color="primary" size="sm" outline onClick={() => void leggi()} disabled={inCorso}>
              Aggiorna da ANPR
            </Button>
          </>
        }
      />
      <FonteDati fonte={scheda} />
      <div className="griglia-famiglia">
        <Pannello titolo="Dati della scheda" id="sez-dati-famiglia">
          <dl className="voci">
            <Voce termine="Indirizzo" testId="famiglia-indirizzo">{f.indirizzo}</Voce>
            <Voce termine="ID famiglia ANPR">
              <span className="font-monospace">{f.idFamigliaANPR}</span>
            </Voce>
            <Voce termine="ID famiglia comune">
              <span className="font-monospace">{f.idFamigliaComune}</span>
            </Voce>
            <Voce termine="Costituita il">{formatData(f.dataOrigine)}</Voce>
            {f.tipo === 'famiglia' ? <Voce termine="Motivo di costituzione">{f.motivoCostituzione}</Voce> : <Voce termine="Specie">{f.specie}</Voce>}
          </dl>
        </Pannello>
        <Pannello titolo="Componenti" id="sez-componenti">
          <Componenti famiglia={f} corrente={id} />
        </Pannello>
      </div>
    </Stato>
  );
}
