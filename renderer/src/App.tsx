import { useCallback, useEffect, useState } from 'react';
import { Alert, Container } from 'design-react-kit';
import type { InfoApplicazione, RiepilogoHome } from '../../shared/ipc/contract';
import { bridge, unwrap } from './bridge';
import { AmbienteBanner } from './components/AmbienteBanner';
import { Home } from './screens/Home';

export function App() {
  const [riepilogo, setRiepilogo] = useState<RiepilogoHome | null>(null);
  const [info, setInfo] = useState<InfoApplicazione | null>(null);
  const [errore, setErrore] = useState<string | null>(null);

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
      <main id="contenuto" className="app-main skiplink-target" tabIndex={-1}>
        <Container>
          {!bridge && (
            <Alert color="danger">
              Sessione non valida: aprire l&apos;indirizzo completo stampato all&apos;avvio di Sportello ANPR.
            </Alert>
          )}
          {errore && <Alert color="danger">{errore}</Alert>}
          {riepilogo ? (
            <Home riepilogo={riepilogo} onAggiorna={() => void carica()} />
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
