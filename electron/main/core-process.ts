/**
 * The core in Electron's utilityProcess (issue 14): plain Node, started by the
 * shell (index.ts) with `utilityProcess.fork('out/main/core.cjs')`. The first
 * message from the shell (`AvvioCore`, with a MessagePort) starts the core;
 * from then on the port carries the relayed IPC calls, the events and the
 * control calls (relay-core.ts). The heavy work leaves the shell's process —
 * and within this one, the training simulator and the anomaly imports run in
 * worker threads (layout.ts), so even the core answers the window while they run.
 * Never imports `electron`: `process.parentPort` is the utility process's port to the shell.
 */
import { createCore, type Core } from '../core/create-core';
import { systemClock } from '../core/clock';
import { usaWorker } from '../core/worker/layout';
import { serviCoreSuPorta } from '../core/worker/relay-core';
import { portaElectron, type AvvioCore, type MessagePortMainLike } from '../core/worker/relay-protocollo';
import { archivioSegretiDaChiave } from '../core/worker/chiave-segreti';

interface ParentPortLike {
  once(event: 'message', listener: (event: { data: unknown; ports: MessagePortMainLike[] }) => void): unknown;
}

const parentPort = (process as unknown as { parentPort?: ParentPortLike }).parentPort;
if (!parentPort) throw new Error('core-process: to be started by the Electron shell (utilityProcess.fork)');

parentPort.once('message', ({ data, ports }) => {
  const avvio = data as AvvioCore;
  const porta = portaElectron(ports[0]!);
  let core: Core;
  try {
    usaWorker({ simulatore: true, importazioni: true });
    core = createCore({
      dataDir: avvio.dataDir,
      secretStore: archivioSegretiDaChiave(Buffer.from(avvio.chiave, 'base64'), avvio.tipoArchivio),
      clock: systemClock,
      host: 'electron',
      version: avvio.version,
    });
  } catch (error) {
    porta.postMessage({ tipo: 'errore-avvio', messaggio: error instanceof Error ? error.message : String(error) });
    return;
  }
  serviCoreSuPorta(porta, core);
  porta.onClose(() => void core.close().finally(() => process.exit(0)));
  void core.connection.verify();
  core.coda.start().catch((error: unknown) => core.logger.warn('queue not started', { error: error instanceof Error ? error.message : String(error) }));
});
