/**
 * The shell's side of the relay to the core process (issue 14; protocol in
 * electron/core/worker/relay-protocollo.ts). Plain Node, no `electron`
 * import, so it is unit-tested with a fake port: ipc.ts registers one
 * `ipcMain.handle` per contract channel, checks the sender frame there, and
 * hands the call to `dispatch`, which refuses any name outside the contract
 * before it reaches the port. Events are forwarded only when the contract
 * names them. When the core process is gone, every call pending or new gets
 * an Italian error envelope instead of hanging.
 */
import { eventNames, isChannel } from '../../shared/ipc/contract';
import { ERROR_CODES, type Envelope } from '../../shared/ipc/envelope';
import type { AzioneControllo, DalCore, DalloShell, PortaRelay } from '../core/worker/relay-protocollo';

export interface ShellRelay {
  /** Resolves when the core process has started (rejects with its error). */
  pronto(): Promise<void>;
  dispatch(canale: string, payload: unknown): Promise<Envelope<unknown>>;
  onEvent(ascolta: (evento: string, payload: unknown) => void): () => void;
  controllo(azione: AzioneControllo): Promise<unknown>;
  /** True once the port has closed (the core process ended). */
  readonly chiuso: boolean;
  close(): void;
}

const EVENTI: ReadonlySet<string> = new Set(eventNames);

const MESSAGGIO_NON_DISPONIBILE = "Il servizio interno dell'applicazione non risponde: chiudere e riaprire Sportello ANPR.";

export const CORE_NON_DISPONIBILE: Envelope<never> = { ok: false, error: { code: ERROR_CODES.internal, message: MESSAGGIO_NON_DISPONIBILE } };

export function createShellRelay(porta: PortaRelay): ShellRelay {
  let prossimo = 0;
  let chiuso = false;
  const chiamate = new Map<number, (e: Envelope<unknown>) => void>();
  const controlli = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  const ascoltatori = new Set<(evento: string, payload: unknown) => void>();
  let avviato!: { resolve(): void; reject(e: Error): void };
  const pronto = new Promise<void>((resolve, reject) => (avviato = { resolve, reject }));
  // Nobody may be waiting yet: a start-up failure is still reported by the next `pronto()`.
  pronto.catch(() => undefined);

  const fine = () => {
    if (chiuso) return;
    chiuso = true;
    for (const risolvi of chiamate.values()) risolvi(CORE_NON_DISPONIBILE);
    chiamate.clear();
    for (const c of controlli.values()) c.reject(new Error(MESSAGGIO_NON_DISPONIBILE));
    controlli.clear();
    avviato.reject(new Error(MESSAGGIO_NON_DISPONIBILE));
  };

  porta.onMessage((dato) => {
    const m = dato as DalCore;
    switch (m?.tipo) {
      case 'pronto':
        avviato.resolve();
        break;
      case 'errore-avvio':
        avviato.reject(new Error(m.messaggio));
        break;
      case 'risposta': {
        const risolvi = chiamate.get(m.id);
        chiamate.delete(m.id);
        risolvi?.(m.envelope);
        break;
      }
      case 'esito-controllo': {
        const c = controlli.get(m.id);
        controlli.delete(m.id);
        if (m.errore !== undefined) c?.reject(new Error(m.errore));
        else c?.resolve(m.valore);
        break;
      }
      case 'evento':
        if (!EVENTI.has(m.evento)) break;
        for (const a of ascoltatori) a(m.evento, m.payload);
        break;
      default:
        break;
    }
  });
  porta.onClose(fine);

  const invia = (m: DalloShell) => porta.postMessage(m);
  return {
    pronto: () => pronto,
    dispatch(canale, payload) {
      if (!isChannel(canale)) {
        return Promise.resolve({ ok: false, error: { code: ERROR_CODES.unknownChannel, message: "Richiesta non riconosciuta dall'applicazione." } });
      }
      if (chiuso) return Promise.resolve(CORE_NON_DISPONIBILE);
      const id = ++prossimo;
      return new Promise((resolve) => {
        chiamate.set(id, resolve);
        invia({ tipo: 'chiamata', id, canale, payload });
      });
    },
    onEvent(ascolta) {
      ascoltatori.add(ascolta);
      return () => void ascoltatori.delete(ascolta);
    },
    controllo(azione) {
      if (chiuso) return Promise.reject(new Error(MESSAGGIO_NON_DISPONIBILE));
      const id = ++prossimo;
      return new Promise((resolve, reject) => {
        controlli.set(id, { resolve, reject });
        invia({ tipo: 'controllo', id, azione });
      });
    },
    get chiuso() {
      return chiuso;
    },
    close() {
      porta.close();
      fine();
    },
  };
}
