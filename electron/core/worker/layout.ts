/**
 * Where the heavy work runs (issue 14, "the window never freezes"). The
 * hosts that serve a window (the web host, the Electron core process) ask for
 * worker threads before they create the core; tests, the CLI and the benches'
 * baselines keep today's in-thread layout, where the simulator's admin
 * interface and the fake clocks are at hand.
 *
 * `SPORTELLO_WORKER=0` in the environment forces the in-thread layout (a
 * diagnostic switch, never needed in normal use).
 */
export interface LayoutWorker {
  /** The training simulator (HTTPS on loopback, its own SQLite file) in a worker thread. */
  simulatore: boolean;
  /** The anomaly file imports (parse, check, bulk insert) in a worker thread with their own connection. */
  importazioni: boolean;
}

const layout: LayoutWorker = { simulatore: false, importazioni: false };

/** Sets the layout (hosts call it once, before `createCore`; the benches switch it between runs). */
export function usaWorker(scelta: Partial<LayoutWorker>): void {
  Object.assign(layout, scelta);
}

export function layoutWorker(env: NodeJS.ProcessEnv = process.env): Readonly<LayoutWorker> {
  if (env.SPORTELLO_WORKER === '0') return { simulatore: false, importazioni: false };
  return { ...layout };
}
