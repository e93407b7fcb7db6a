import { useCallback, useEffect, useState } from 'react';
import { Alert, Container } from 'design-react-kit';
import type { InfoApplicazione, RiepilogoHome } from '../../shared/ipc/contract';
import { bridge, unwrap } from './bridge';
import { AmbienteBanner } from './components/AmbienteBanner';
import { routes } from './routes';
import { usePath } from './routing';

export function App() {
  const [riepilogo, setRiepilogo] = useState<RiepilogoHome | null>(null);
  const [info, setInfo] = useState<InfoApplicazione | null>(null);
  const [errore, setErrore] = useState<string | null>(null);
  const path = usePath();
  const route = routes.find((candidate) => candidate.match(path)) ?? routes[0]!;

  const carica = useCallback(async () => {
    if (!bridge) return;
    try {
      const [nuovoRiepilogo, nuoveInfo] = await Promise.all([unwrap(bridge.home.riepilogo()), unwrap(bridge.app.info())]);
      setRiepilogo(nuovoRiepilogo);
      setInfo(nuoveInfo);
      setErrore(null);
    } catch (error) {
      setErrore(error instanceof Error ? error.message : String(error));
    }
  }, []);

  useEffect(() => {
    void carica();
  }, [carica]);

  return (
    <>
      <a className="visually-hidden-focusable" href="#contenuto">Vai al contenuto</a>
      {riepilogo && <AmbienteBanner tipo={riepilogo.ambiente.tipo} />}
      <header className="it-header-center-wrapper it-small-header">
        <Container>
          <div className="it-header-center-content-wrapper">
            <div className="it-brand-wrapper">
              <div className="it-brand-text">
                <div className="it-brand-title">Sportello ANPR</div>
                <div className="it-brand-tagline d-none d-md-block">
                  Ufficio anagrafe{riepilogo ? ` – Comune di ${riepilogo.comune.denominazione}` : ''}
                </div>
              </div>
            </div>
          </div>
        </Container>
      </header>
      <nav className="app-nav" aria-label="Sezioni">
        <Container>
          <ul className="app-nav__list">
            {routes
              .filter((candidate) => candidate.menu)
              .map((candidate) => (
                <li key={candidate.id}>
                  <a
                    href={`#${candidate.path}`}
                    className={`app-nav__link${candidate.id === route.id ? ' app-nav__link--active' : ''}`}
                    aria-current={candidate.id === route.id ? 'page' : undefined}
                  >
                    {candidate.menu}
                  </a>
                </li>
              ))}
          </ul>
        </Container>
      </nav>
      <main id="contenuto" className="app-main skiplink-target" tabIndex={-1}>
        <Container>
          {!bridge && (
            <Alert color="danger">
              Sessione non valida: aprire l&apos;indirizzo completo stampato all&apos;avvio di Sportello ANPR.
            </Alert>
          )}
          {errore && <Alert color="danger">{errore}</Alert>}
          {riepilogo ? (
            route.render({ path, riepilogo, aggiorna: () => void carica() })
          ) : (
            bridge && !errore && <p aria-live="polite">Caricamento…</p>
          )}
        </Container>
      </main>
      <footer className="border-top py-2 small text-center text-muted">
        {info ? `Sportello ANPR ${info.versione} · cartella dati ${info.cartellaDati}` : 'Sportello ANPR'}
      </footer>
    </>
  );
}
