/**
 * The detail pane: the anomaly, the official catalogue's explanation and
 * suggested procedure, the person (sheet link, other anomalies), linked
 * pratiche, the local workflow (aperta → in lavorazione → sanata, with
 * operator, date and note) and "Avvia la correzione".
 */
import { useEffect, useState } from 'react';
import { Button } from 'design-react-kit';
import type { AnomaliaRiga, DettaglioAnomalia, StatoAnomalia } from '../../../../shared/ipc/contract';
import { bridge, unwrap } from '../../bridge';
import { formatData, formatDataOra, messaggioErrore } from '../../format';
import { navigate } from '../../routing';
import { ETICHETTA_FONTE, ETICHETTA_SEVERITA, ETICHETTA_STATO } from './etichette';

const PASSAGGI: Record<StatoAnomalia, { a: StatoAnomalia; etichetta: string; primario: boolean }[]> = {
  aperta: [
    { a: 'in_lavorazione', etichetta: 'Prendi in lavorazione', primario: true },
    { a: 'sanata', etichetta: 'Segna come sanata', primario: false },
  ],
  in_lavorazione: [
    { a: 'sanata', etichetta: 'Segna come sanata', primario: true },
    { a: 'aperta', etichetta: 'Rimetti tra le aperte', primario: false },
  ],
  sanata: [{ a: 'aperta', etichetta: 'Riapri', primario: false }],
};

function data(iso: string): string {
  return iso.length > 10 ? formatDataOra(iso) : formatData(iso);
}

export function Dettaglio({ id, onAggiornata }: { id: number | null; onAggiornata: (r: AnomaliaRiga) => void }) {
  const [d, setD] = useState<DettaglioAnomalia | null>(null);
  const [nota, setNota] = useState('');
  const [errore, setErrore] = useState<string | null>(null);
  const [inCorso, setInCorso] = useState(false);

  useEffect(() => {
    if (id === null || !bridge) return;
    let attuale = true;
    setErrore(null);
    setNota('');
    void unwrap(bridge.anomalie.dettaglio({ id }))
      .then((x) => attuale && setD(x))
      .catch((error: unknown) => attuale && setErrore(messaggioErrore(error)));
    return () => {
      attuale = false;
    };
  }, [id]);

  if (id === null) {
    return (
      <aside className="anomalie__dettaglio anomalie__dettaglio--vuoto" aria-label="Dettaglio anomalia">
        <p className="text-muted mb-0">Selezionare un&apos;anomalia nell&apos;elenco per vederne la spiegazione, la procedura suggerita e le azioni.</p>
      </aside>
    );
  }
  if (!d || d.anomalia.id !== id) {
    return (
      <aside className="anomalie__dettaglio" aria-label="Dettaglio anomalia">
        {errore ? <p className="text-danger">{errore}</p> : <p aria-live="polite">Caricamento…</p>}
      </aside>
    );
  }

  const a = d.anomalia;
  const voce = d.catalogo[0];
  const procedura = d.catalogo.find((v) => v.procedura)?.procedura;
  const suggerimento = d.catalogo.find((v) => v.suggerimento)?.suggerimento;

  const cambia = async (stato: StatoAnomalia) => {
    if (!bridge) return;
    setInCorso(true);
    setErrore(null);
    try {
      const nuovo = await unwrap(bridge.anomalie.cambiaStato({ id: a.id, stato, ...(nota.trim() ? { nota: nota.trim() } : {}) }));
      setD(nuovo);
      setNota('');
      onAggiornata(nuovo.anomalia);
    } catch (error) {
      setErrore(messaggioErrore(error));
    } finally {
      setInCorso(false);
    }
  };

  return (
    <aside className="anomalie__dettaglio" aria-label="Dettaglio anomalia" data-testid="dettaglio-anomalia">
      <div className="d-flex align-items-center gap-2 mb-1">
        <span className={`sev sev--${a.severita === '?' ? 'nd' : a.severita}`}>{a.severita === '?' ? '–' : a.severita}</span>
        <h2 className="h5 mb-0">
          {a.codice} <span className="fw-normal">· {ETICHETTA_SEVERITA[a.severita]}</span>
        </h2>
        <span className={`stato stato--${a.stato} ms-auto`} data-testid="dettaglio-stato">
          {ETICHETTA_STATO[a.stato]}
        </span>
      </div>
      <p className="anomalie__messaggio">{a.testo}</p>
      {(a.campo || a.valore) && (
        <p className="small mb-1">
          {a.campo && <>Campo: <code>{a.campo}</code> </>}
          {a.valore && <>Valore: <code>{a.valore}</code></>}
        </p>
      )}

      <dl className="anomalie__dl">
        <dt>Persona</dt>
        <dd>
          {a.persona}
          {a.dataNascita && <span className="text-muted"> · nato/a il {formatData(a.dataNascita)}</span>}
          <br />
          <span className="text-muted small">
            {[a.codiceFiscale && `CF ${a.codiceFiscale}`, a.idAnpr && `ID ANPR ${a.idAnpr}`].filter(Boolean).join(' · ') || 'Identificativi non disponibili'}
          </span>
          {d.percorsoScheda && (
            <>
              {' '}
              <a href={`#${d.percorsoScheda}`} className="small">
                Scheda del soggetto
              </a>
            </>
          )}
          {d.altreDelSoggetto > 0 && <span className="small text-muted"> · altre {d.altreDelSoggetto} anomalie</span>}
        </dd>
        <dt>Segnalata</dt>
        <dd>
          {data(a.rilevata)} · {ETICHETTA_FONTE[a.fonte]}
          {a.nomeFile && <span className="text-muted small"> · {a.nomeFile}{a.riga ? `, riga ${a.riga}` : ''}</span>}
          {a.servizio && a.fonte === 'risposta' && <span className="text-muted small"> · servizio {a.servizio}, id operazione {a.idOperazioneComune}</span>}
          {a.ultimaRilevazione !== a.rilevata && <span className="text-muted small"> · ultima segnalazione {data(a.ultimaRilevazione)}</span>}
        </dd>
      </dl>

      <section className="anomalie__catalogo" aria-label="Spiegazione dal catalogo ufficiale">
        <h3 className="h6">Catalogo ufficiale</h3>
        {voce ? (
          <>
            <p className="mb-1">{voce.descrizione}</p>
            <ul className="anomalie__voci">
              {d.catalogo.map((v) => (
                <li key={v.fonte}>
                  <span className="text-muted">{v.elenco}:</span>{' '}
                  {[v.severita && `servizi ${v.severita === 'E' ? 'Errore' : 'Warning'}`, v.severitaSubentro && `subentro ${v.severitaSubentro === 'E' ? 'Errore' : 'Warning'}`, v.tabellaRiferimento, v.noteServizi, v.bloccoSubentro]
                    .filter(Boolean)
                    .join(' · ') || '—'}
                </li>
              ))}
            </ul>
            {suggerimento && <p className="mb-1 small"><strong>Suggerimento:</strong> {suggerimento}</p>}
            {procedura && (
              <p className="mb-0 small" data-testid="procedura">
                <strong>Procedura suggerita:</strong> {procedura}
              </p>
            )}
          </>
        ) : (
          <p className="small mb-0">Codice non presente negli elenchi ufficiali installati (aggiornare il catalogo).</p>
        )}
      </section>

      <div className="anomalie__correzione">
        {d.correzione ? (
          <Button color="primary" size="sm" onClick={() => navigate(d.correzione!.percorso)} data-testid="avvia-correzione">
            Avvia la correzione · {d.correzione.servizio} {d.correzione.descrizione}
          </Button>
        ) : (
          <p className="small text-muted mb-0">Nessuna pratica da avviare: anomalia tecnica dei file di subentro o persona non identificata.</p>
        )}
      </div>

      <section aria-label="Lavorazione">
        <h3 className="h6 mt-2">Lavorazione</h3>
        <label htmlFor="anomalia-nota" className="small">
          Nota (facoltativa)
        </label>
        <textarea id="anomalia-nota" className="form-control form-control-sm mb-1" rows={2} maxLength={1000} value={nota} onChange={(e) => setNota(e.target.value)} />
        <div className="d-flex gap-2 flex-wrap">
          {PASSAGGI[a.stato].map((p) => (
            <Button key={p.a} color="primary" outline={!p.primario} size="xs" disabled={inCorso} onClick={() => void cambia(p.a)}>
              {p.etichetta}
            </Button>
          ))}
        </div>
        {errore && <p className="text-danger small mb-0">{errore}</p>}
        {d.storico.length > 0 && (
          <ol className="anomalie__storico" data-testid="storico">
            {d.storico.map((s, i) => (
              <li key={i}>
                {data(s.quando)} · {s.operatore}: {ETICHETTA_STATO[s.da]} → <strong>{ETICHETTA_STATO[s.a]}</strong>
                {s.nota && <span className="text-muted"> — {s.nota}</span>}
              </li>
            ))}
          </ol>
        )}
      </section>

      {d.pratiche.length > 0 && (
        <section aria-label="Pratiche collegate">
          <h3 className="h6 mt-2">Pratiche collegate</h3>
          <ul className="anomalie__pratiche">
            {d.pratiche.map((p) => (
              <li key={p.id}>
                {p.servizio} · {p.stato.replace(/_/g, ' ')} · {data(p.creata)}
                {p.idOperazioneComune && <span className="text-muted"> · id {p.idOperazioneComune}</span>}
              </li>
            ))}
          </ul>
        </section>
      )}
    </aside>
  );
}
