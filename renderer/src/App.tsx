import { Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Container } from 'design-react-kit';
import { ETICHETTE_RUOLO, type InfoApplicazione, type RiepilogoHome, type Sessione, type StatoSessione } from '../../shared/ipc/contract';
import { bridge, PASSWORD_DA_CAMBIARE, SESSIONE_SCADUTA, unwrap } from './bridge';
import { AmbienteBanner } from './components/AmbienteBanner';
import { precaricaSchermate, routes } from './routes';
import { navigate, usePath } from './routing';
import { Accesso, PrimoAvvio } from './screens/accesso/Accesso';
import { CambiaPassword } from './screens/accesso/CambiaPassword';
import { SessioneContext } from './session';
import { messaggioErrore } from './format';

/** How often an untouched page asks whether the session is still open (the lock itself is in the core). */
const CONTROLLO_SESSIONE_MS = 15_000;
const AVVISO_INATTIVITA = 'Sessione scaduta per inattività. Accedere di nuovo per continuare.';
const AVVISO_CHIUSA = 'La sessione è stata chiusa: accedere di nuovo.';
/** Shown while a screen's chunk is fetched (every screen but the Scrivania and sign-in loads on demand). */
const CARICAMENTO_SCHERMATA = <p role="status">Caricamento…</p>;

export function App() {
  const [stato, setStato] = useState<StatoSessione | null>(null);
  const [riepilogo, setRiepilogo] = useState<RiepilogoHome | null>(null);
  const [info, setInfo] = useState<InfoApplicazione | null>(null);
  const [errore, setErrore] = useState<string | null>(null);
  const [avvisoAccesso, setAvvisoAccesso] = useState<string | null>(null);
  const path = usePath();
  const sessione = stato?.operatore ?? null;
  // Who worked here last: someone else signing in after a lock starts from the Scrivania, not from their screen.
  const ultimoOperatore = useRef<string | null>(null);
  useEffect(() => {
    if (sessione) ultimoOperatore.current = sessione.codiceFiscale;
  }, [sessione]);
  const visibili = useMemo(() => routes.filter((candidate) => !candidate.ruoli || (sessione && candidate.ruoli.includes(sessione.ruolo))), [sessione]);
  const route = visibili.find((candidate) => candidate.match(path)) ?? visibili[0]!;

  const caricaStato = useCallback(async () => {
    if (!bridge) return;
    try {
      const [nuovoStato, nuoveInfo] = await Promise.all([unwrap(bridge.sessione.stato()), unwrap(bridge.app.info())]);
      setStato(nuovoStato);
      setInfo(nuoveInfo);
      setErrore(null);
    } catch (error) {
      setErrore(messaggioErrore(error));
    }
  }, []);

  const carica = useCallback(async () => {
    if (!bridge) return;
    try {
      setRiepilogo(await unwrap(bridge.home.riepilogo()));
      setErrore(null);
    } catch (error) {
      setErrore(messaggioErrore(error));
    }
  }, []);

  useEffect(() => {
    void caricaStato();
  }, [caricaStato]);

  // Once the first screen is up, the other screens' chunks are fetched while the browser is idle.
  const pronta = riepilogo !== null;
  useEffect(() => {
    if (!pronta) return;
    if (typeof window.requestIdleCallback === 'function') {
      const id = window.requestIdleCallback(precaricaSchermate, { timeout: 5_000 });
      return () => window.cancelIdleCallback(id);
    }
    const timer = setTimeout(precaricaSchermate, 1_000);
    return () => clearTimeout(timer);
  }, [pronta]);

  const daCambiare = sessione?.passwordDaCambiare ?? false;
  useEffect(() => {
    if (sessione && !daCambiare) void carica();
    else setRiepilogo(null);
  }, [sessione, daCambiare, carica]);

  // The core closes the session after the inactivity limit and refuses the next call; on a page nobody
  // touches, this check brings up the sign-in screen. `sessione.stato` is public and never counts as activity.
  useEffect(() => {
    if (!bridge || !sessione) return;
    const { codiceFiscale, ruolo, passwordDaCambiare } = sessione;
    const timer = setInterval(() => {
      void unwrap(bridge!.sessione.stato())
        .then((nuovo) => {
          if (nuovo.operatore?.codiceFiscale === codiceFiscale && nuovo.operatore.ruolo === ruolo && nuovo.operatore.passwordDaCambiare === passwordDaCambiare) return;
          if (!nuovo.operatore && !nuovo.scadutaPerInattivita) setAvvisoAccesso(AVVISO_CHIUSA);
          setStato(nuovo);
        })
        .catch(() => undefined);
    }, CONTROLLO_SESSIONE_MS);
    return () => clearInterval(timer);
  }, [sessione]);

  useEffect(() => {
    const scaduta = (event: Event) => {
      const inattivita = event instanceof CustomEvent && event.detail === 'SESSIONE_SCADUTA';
      setAvvisoAccesso(inattivita ? AVVISO_INATTIVITA : AVVISO_CHIUSA);
      void caricaStato();
    };
    window.addEventListener(SESSIONE_SCADUTA, scaduta);
    return () => window.removeEventListener(SESSIONE_SCADUTA, scaduta);
  }, [caricaStato]);

  // The core refused a call: the initial password is still to change (e.g. reset by the amministratore meanwhile).
  useEffect(() => {
    const daCambiare = () => void caricaStato();
    window.addEventListener(PASSWORD_DA_CAMBIARE, daCambiare);
    return () => window.removeEventListener(PASSWORD_DA_CAMBIARE, daCambiare);
  }, [caricaStato]);

  // The confirmation of the forced change shows on the Scrivania it leads to, until the clerk moves on.
  const [cambiataSu, setCambiataSu] = useState<string | null>(null);
  useEffect(() => setCambiataSu((su) => (su === path ? su : null)), [path]);
  const passwordCambiata = cambiataSu !== null && cambiataSu === path;
  const cambiataIniziale = () => {
    setStato((prev) => (prev?.operatore ? { ...prev, operatore: { ...prev.operatore, passwordDaCambiare: false } } : prev));
    navigate('/');
    setCambiataSu('/');
  };

  const entrato = (nuova: Sessione) => {
    setAvvisoAccesso(null);
    // The draft typed before the lock stays in this browser (pratiche forms); the clerk who typed it gets back to it.
    if (ultimoOperatore.current && ultimoOperatore.current !== nuova.codiceFiscale) navigate('/');
    setStato((prev) => (prev ? { ...prev, configurato: true, operatore: nuova, operatoreFormazione: null, scadutaPerInattivita: false } : prev));
  };

  const esci = useCallback(async () => {
    if (!bridge) return;
    try {
      await unwrap(bridge.sessione.esci());
    } catch {
      // Already signed out: nothing to do.
    }
    navigate('/');
    await caricaStato();
  }, [caricaStato]);

  const ambiente = riepilogo?.ambiente.tipo ?? stato?.ambiente;
  const comune = riepilogo?.comune ?? stato?.comune;

  let contenuto;
  if (!bridge) {
    contenuto = (
      <Alert color="danger">Sessione non valida: aprire l&apos;indirizzo completo stampato all&apos;avvio di Sportello ANPR.</Alert>
    );
  } else if (!stato) {
    contenuto = errore ? <Alert color="danger">{errore}</Alert> : <p aria-live="polite">Caricamento…</p>;
  } else if (!stato.configurato) {
    contenuto = <PrimoAvvio stato={stato} onFatto={entrato} />;
  } else if (!sessione) {
    contenuto = <Accesso onFatto={entrato} avviso={avvisoAccesso ?? (stato.scadutaPerInattivita ? AVVISO_INATTIVITA : null)} />;
  } else if (sessione.passwordDaCambiare) {
    contenuto = <CambiaPassword obbligatoria onCambiata={cambiataIniziale} />;
  } else {
    contenuto = (
      <>
        {passwordCambiata && (
          <div className="alert alert-success" role="status">
            Password cambiata: ora è possibile usare la postazione.
          </div>
        )}
        {errore && <Alert color="danger">{errore}</Alert>}
        {riepilogo ? (
          <Suspense fallback={CARICAMENTO_SCHERMATA}>{route.render({ path, riepilogo, sessione, aggiorna: () => void carica() })}</Suspense>
        ) : (
          !errore && <p aria-live="polite">Caricamento…</p>
        )}
      </>
    );
  }

  return (
    <SessioneContext.Provider value={sessione ? { sessione, esci: () => void esci() } : null}>
      <a
        className="visually-hidden-focusable skip-link"
        href="#contenuto"
        onClick={(event) => {
          // The hash drives the router: move focus without navigating.
          event.preventDefault();
          document.getElementById('contenuto')?.focus();
        }}
      >
        Vai al contenuto
      </a>
      {ambiente && <AmbienteBanner tipo={ambiente} />}
      <header className="it-header-wrapper app-header">
        <div className="it-header-slim-wrapper">
          <Container>
            <div className="it-header-slim-wrapper-content app-header__slim">
              <span className="app-header__ente">{comune ? `Comune di ${comune.denominazione} – Ufficio anagrafe` : 'Ufficio anagrafe'}</span>
              {sessione && (
                <div className="app-header__operatore">
                  <span data-testid="operatore-corrente">
                    <span className="visually-hidden">Operatore: </span>
                    {sessione.cognome} {sessione.nome}
                    <span className="app-header__ruolo">{ETICHETTE_RUOLO[sessione.ruolo]}</span>
                  </span>
                  {!sessione.passwordDaCambiare && (
                    <a href="#/password" className="btn btn-sm app-header__esci">
                      Cambia password
                    </a>
                  )}
                  <button type="button" className="btn btn-sm app-header__esci" onClick={() => void esci()}>
                    Esci
                  </button>
                </div>
              )}
            </div>
          </Container>
        </div>
        <div className="it-header-center-wrapper it-small-header">
          <Container>
            <div className="it-header-center-content-wrapper">
              <div className="it-brand-wrapper">
                <div className="it-brand-text">
                  <div className="it-brand-title">Sportello ANPR</div>
                  <div className="it-brand-tagline d-none d-md-block">Anagrafe Nazionale della Popolazione Residente</div>
                </div>
              </div>
            </div>
          </Container>
        </div>
        {sessione && !sessione.passwordDaCambiare && (
          <nav className="app-nav" aria-label="Sezioni">
            <Container>
              <ul className="app-nav__list">
                {visibili
                  .filter((candidate) => candidate.menu)
                  .map((candidate) => {
                    const attiva = candidate.id === route.id || (!!route.sezione && candidate.sezione === route.sezione);
                    return (
                      <li key={candidate.id}>
                        <a href={`#${candidate.path}`} className={`app-nav__link${attiva ? ' app-nav__link--active' : ''}`} aria-current={attiva ? 'page' : undefined}>
                          {candidate.menu}
                        </a>
                      </li>
                    );
                  })}
              </ul>
            </Container>
          </nav>
        )}
      </header>
      <main id="contenuto" className="app-main skiplink-target" tabIndex={-1}>
        <Container>{contenuto}</Container>
      </main>
      <footer className="app-footer">
        <Container>{info ? `Sportello ANPR ${info.versione} · cartella dati ${info.cartellaDati}` : 'Sportello ANPR'}</Container>
      </footer>
    </SessioneContext.Provider>
  );
}
