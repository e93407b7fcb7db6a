/**
 * The core's side of the shell relay (relay-protocollo.ts): every call the
 * shell relays goes through the router (allowlist, zod, permissions, audit,
 * envelope) with `transport: 'electron'`, exactly as `ipcMain.handle` did in
 * the shell's own process; every core event goes to the shell.
 */
import type { Router } from '../../platform/ipc/router';
import type { EventBus } from '../event-bus';
import type { AzioneControllo, DalCore, DalloShell, PortaRelay } from './relay-protocollo';

export interface CoreRelayato {
  router: Pick<Router, 'dispatch'>;
  events: Pick<EventBus, 'subscribe'>;
  coda: { canQuit(): { ok: boolean; messaggio?: string | null }; waitIdle(): Promise<void> };
  close(): Promise<void>;
}

/** Serves `core` on `porta`; returns the function that stops (the core stays open). */
export function serviCoreSuPorta(porta: PortaRelay, core: CoreRelayato): () => void {
  const invia = (m: DalCore) => porta.postMessage(m);
  const controlli: Record<AzioneControllo, () => unknown> = {
    puoChiudere: () => core.coda.canQuit(),
    attendiInattivita: () => core.coda.waitIdle(),
    chiudi: () => core.close(),
  };
  const smetti = porta.onMessage((dato) => {
    const m = dato as DalloShell;
    if (m?.tipo === 'chiamata') {
      void core.router.dispatch(m.canale, m.payload, { transport: 'electron' }).then(
        (envelope) => invia({ tipo: 'risposta', id: m.id, envelope }),
        // The router answers every failure with an envelope; this is a bug in the router itself.
        (error: unknown) => invia({ tipo: 'risposta', id: m.id, envelope: { ok: false, error: { code: 'ERRORE_INTERNO', message: 'Errore interno dell’applicazione.', details: String(error) } } }),
      );
    } else if (m?.tipo === 'controllo' && Object.prototype.hasOwnProperty.call(controlli, m.azione)) {
      Promise.resolve()
        .then(() => controlli[m.azione]())
        .then(
          (valore) => invia({ tipo: 'esito-controllo', id: m.id, valore: valore ?? null }),
          (error: unknown) => invia({ tipo: 'esito-controllo', id: m.id, valore: null, errore: error instanceof Error ? error.message : String(error) }),
        );
    }
  });
  const eventi = core.events.subscribe((evento, payload) => invia({ tipo: 'evento', evento, payload }));
  invia({ tipo: 'pronto' });
  return () => {
    smetti();
    eventi();
  };
}
