/**
 * The state of the queue in one line: paused, offline, ANPR unreachable,
 * blocked by an uncertain submission… Live from the `coda.stato` event.
 * When one pratica holds the queue it says which (link), why, and what the
 * clerk can do: "Verifica ora in ANPR" (3003), or, for the ufficiale
 * d'anagrafe, record the outcome seen in ANPR's web application. Pausing is
 * the ufficiale's (coda.pausa in permissions.ts): others do not see it.
 */
import { useEffect, useState } from 'react';
import { Button } from 'design-react-kit';
import type { ResponseOf } from '../../../../shared/ipc/contract';
import { bridge, unwrap } from '../../bridge';
import { messaggioErrore } from '../../format';
import { useSessione } from '../../session';
import { SERVIZI } from './etichette';
import { MessaggioErrore } from '../../components/ErroreConfigurazione';

type StatoCoda = ResponseOf<'coda.stato'>;

const TESTI: Record<StatoCoda['stato'], { titolo: string; classe: string }> = {
  inattiva: { titolo: 'Coda attiva: nessuna pratica in attesa di invio', classe: 'banner-coda--ok' },
  in_invio: { titolo: 'Invio ad ANPR in corso', classe: 'banner-coda--info' },
  in_attesa: { titolo: "In attesa di verificare l'esito di un invio", classe: 'banner-coda--attenzione' },
  in_pausa: { titolo: 'Invio sospeso', classe: 'banner-coda--attenzione' },
  offline: { titolo: 'Nessuna connessione di rete', classe: 'banner-coda--errore' },
  anpr_non_raggiungibile: { titolo: 'ANPR non raggiungibile', classe: 'banner-coda--errore' },
  bloccata: { titolo: 'Coda ferma: un invio richiede intervento', classe: 'banner-coda--errore' },
};

export function BannerCoda({ puoModificare }: { puoModificare: boolean }) {
  const { sessione } = useSessione();
  const ufficiale = sessione.ruolo === 'ufficiale_anagrafe' || sessione.ruolo === 'amministratore';
  const [stato, setStato] = useState<StatoCoda | null>(null);
  const [errore, setErrore] = useState<string | null>(null);
  const [esito, setEsito] = useState<string | null>(null);
  const [inCorso, setInCorso] = useState(false);
  const [risolvi, setRisolvi] = useState(false);
  const [erroreCoda, setErroreCoda] = useState<unknown>(null);

  useEffect(() => {
    if (!bridge) return;
    const b = bridge;
    const rileggi = () =>
      void unwrap(b.coda.stato())
        .then((s) => {
          setStato(s);
          setErroreCoda(null);
        })
        .catch((e: unknown) => setErroreCoda(e));
    rileggi();
    // The event carries the state; the holding pratica is read again with it (the event may come from a pratica change).
    const stop1 = b.eventi.coda.stato(rileggi);
    const stop2 = b.eventi.pratiche.cambiata(rileggi);
    return () => {
      stop1();
      stop2();
    };
  }, []);

  if (!stato) {
    // Without the queue (e.g. no certificate in TEST) say why nothing can be sent.
    return erroreCoda === null ? null : (
      <div className="banner-coda banner-coda--errore" role="status" data-testid="banner-coda" data-stato="non_disponibile">
        <div className="banner-coda__testo">
          <strong>Invio ad ANPR non possibile</strong>
          <span className="banner-coda__messaggio">
            {' '}
            — <MessaggioErrore errore={erroreCoda} />
          </span>
        </div>
      </div>
    );
  }
  const t = TESTI[stato.stato];
  // A pratica merely being sent (ANPR not reachable) is said by the title; one that holds others back is explained.
  const b0 = stato.bloccataDa ?? null;
  const blocco = b0 && (b0.stato !== 'in_invio' || b0.inAttesa > 0) ? b0 : null;
  const inPausa = stato.inPausa ?? stato.stato === 'in_pausa';
  const cambia = async (azione: 'pausa' | 'riprendi') => {
    if (!bridge) return;
    try {
      setStato(await unwrap(azione === 'pausa' ? bridge.coda.pausa() : bridge.coda.riprendi()));
      setErrore(null);
    } catch (e) {
      setErrore(messaggioErrore(e));
    }
  };
  const verifica = async () => {
    if (!bridge) return;
    setInCorso(true);
    setErrore(null);
    setEsito(null);
    try {
      setEsito((await unwrap(bridge.coda.verifica())).messaggio);
    } catch (e) {
      setErrore(messaggioErrore(e));
    } finally {
      setInCorso(false);
    }
  };
  return (
    <div className={`banner-coda ${t.classe}`} data-testid="banner-coda" data-stato={stato.stato}>
      <div className="banner-coda__riga">
        <div className="banner-coda__testo" role="status" aria-live="polite">
          <strong>{inPausa && stato.stato !== 'in_pausa' ? `${TESTI.in_pausa.titolo} · ${t.titolo}` : t.titolo}</strong>
          {stato.messaggio && !blocco && <span className="banner-coda__messaggio"> — {stato.messaggio}</span>}
          {errore && <span className="banner-coda__messaggio"> — {errore}</span>}
        </div>
        {ufficiale &&
          (inPausa ? (
            <Button color="primary" size="xs" onClick={() => void cambia('riprendi')}>
              Riprendi l&apos;invio
            </Button>
          ) : (
            <Button color="primary" size="xs" outline onClick={() => void cambia('pausa')}>
              Sospendi l&apos;invio
            </Button>
          ))}
      </div>
      {blocco && (
        <div className="banner-coda__blocco" data-testid="blocco-coda">
          <p className="mb-1">
            La coda attende la pratica{' '}
            <a href={`#/pratiche?id=${blocco.praticaId}`}>
              {blocco.servizio} {SERVIZI[blocco.servizio] ?? ''}
              {blocco.soggettoNome ? ` di ${blocco.soggettoNome}` : ''}
            </a>{' '}
            (id {blocco.idOperazioneComune}). {blocco.perche}
            {blocco.inAttesa > 0 && ` In attesa dietro di lei: ${blocco.inAttesa} ${blocco.inAttesa === 1 ? 'pratica' : 'pratiche'}.`}
          </p>
          {puoModificare && (
            <div className="d-flex flex-wrap gap-2 align-items-center">
              <Button color="primary" size="xs" disabled={inCorso} onClick={() => void verifica()}>
                Verifica ora in ANPR
              </Button>
              {ufficiale && !risolvi && (
                <Button color="primary" size="xs" outline onClick={() => setRisolvi(true)}>
                  Registra l&apos;esito verificato in ANPR
                </Button>
              )}
            </div>
          )}
          {esito && (
            <p className="mb-0 mt-1" role="status" data-testid="esito-verifica">
              {esito}
            </p>
          )}
          {ufficiale && risolvi && <RisolviAMano praticaId={blocco.praticaId} chiudi={() => setRisolvi(false)} />}
        </div>
      )}
    </div>
  );
}

/** The ufficiale records the outcome they verified in ANPR's web application (audited). */
function RisolviAMano({ praticaId, chiudi }: { praticaId: string; chiudi: () => void }) {
  const [esito, setEsito] = useState<'accolta' | 'respinta'>('accolta');
  const [nota, setNota] = useState('');
  const [idAnpr, setIdAnpr] = useState('');
  const [errore, setErrore] = useState<string | null>(null);
  return (
    <form
      className="risolvi-a-mano mt-2"
      aria-labelledby="risolvi-titolo"
      onSubmit={(e) => {
        e.preventDefault();
        if (!bridge) return;
        if (!nota.trim()) {
          setErrore("Indicare cosa si è verificato nell'applicazione web di ANPR.");
          return;
        }
        void unwrap(bridge.coda.risolvi({ praticaId, esito, nota: nota.trim(), ...(idAnpr.trim() ? { idOperazioneANPR: idAnpr.trim() } : {}) }))
          .then(chiudi)
          .catch((x: unknown) => setErrore(messaggioErrore(x)));
      }}
    >
      <h2 id="risolvi-titolo" className="h6">
        Esito verificato nell&apos;applicazione web di ANPR
      </h2>
      <fieldset className="mb-2">
        <legend className="small">Esito in ANPR</legend>
        <label className="me-3">
          <input type="radio" name="esito-a-mano" checked={esito === 'accolta'} onChange={() => setEsito('accolta')} /> Registrata (accolta)
        </label>
        <label>
          <input type="radio" name="esito-a-mano" checked={esito === 'respinta'} onChange={() => setEsito('respinta')} /> Non registrata (respinta)
        </label>
      </fieldset>
      <div className="mb-2">
        <label htmlFor="risolvi-id" className="small d-block">
          Id operazione ANPR (facoltativo, es. 4100000123)
        </label>
        <input id="risolvi-id" className="form-control form-control-sm" inputMode="numeric" value={idAnpr} onChange={(e) => setIdAnpr(e.target.value)} />
      </div>
      <div className="mb-2">
        <label htmlFor="risolvi-nota" className="small d-block">
          Cosa si è verificato
        </label>
        <textarea id="risolvi-nota" className="form-control form-control-sm" rows={2} value={nota} onChange={(e) => setNota(e.target.value)} aria-describedby={errore ? 'risolvi-errore' : undefined} />
      </div>
      {errore && (
        <p id="risolvi-errore" className="campo__errore" role="alert">
          {errore}
        </p>
      )}
      <Button color="primary" size="xs" type="submit">
        Registra l&apos;esito
      </Button>{' '}
      <Button color="primary" size="xs" outline type="button" onClick={chiudi}>
        Annulla
      </Button>
    </form>
  );
}
