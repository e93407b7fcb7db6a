/**
 * The web host's side of the bridge: the same envelopes over fetch, pushes
 * over a server-sent-event stream read with fetch (so the token travels in a
 * header, never in a URL that could leak).
 */
import type { Envelope } from '../../../shared/ipc/envelope';
import type { Invoke, Subscribe } from '../../../shared/ipc/api';

const TOKEN_KEY = 'sportello.token';

/** Takes the token from `#token=…` once, keeps it for this tab, cleans the URL. */
export function readToken(): string | null {
  const match = /(?:^#|&)token=([^&]+)/.exec(window.location.hash);
  if (match?.[1]) {
    sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(match[1]));
    history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

export function createWebTransport(token: string): { invoke: Invoke; subscribe: Subscribe } {
  const invoke: Invoke = async (channel, request) => {
    try {
      const response = await fetch(`/api/${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify({ request }),
      });
      return (await response.json()) as Envelope<unknown>;
    } catch {
      return {
        ok: false,
        error: { code: 'HOST_NON_RAGGIUNGIBILE', message: 'Il servizio locale di Sportello ANPR non risponde.' },
      };
    }
  };

  type Listener = (payload: unknown) => void;
  const listeners = new Map<string, Set<Listener>>();
  let started = false;

  const start = async () => {
    started = true;
    for (;;) {
      try {
        const response = await fetch('/api/events', { headers: { Authorization: `Bearer ${token}` } });
        if (!response.ok || !response.body) throw new Error(`events: HTTP ${response.status}`);
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const frame = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const event = /^event: (.*)$/m.exec(frame)?.[1];
            const data = /^data: (.*)$/m.exec(frame)?.[1];
            if (event && data) for (const listener of listeners.get(event) ?? []) listener(JSON.parse(data));
          }
        }
      } catch {
        // The host restarted or the network hiccuped: retry shortly.
      }
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
  };

  const subscribe: Subscribe = (event, listener) => {
    if (!started) void start();
    const set = listeners.get(event) ?? new Set<Listener>();
    set.add(listener);
    listeners.set(event, set);
    return () => void set.delete(listener);
  };
  return { invoke, subscribe };
}
