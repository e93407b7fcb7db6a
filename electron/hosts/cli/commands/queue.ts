/**
 * `anpr queue`: the offline queue of pratiche from the command line, on the
 * same database as the app (`dataDir` in the config, else the app's folder).
 *
 *   npx anpr queue add   --config CFG --service CODE --body BODY.xml [--soggetto KEY] [--decorrenza AAAA-MM-GG] [--protocollo P] [--no-xsd]
 *   npx anpr queue drain --config CFG [--max-attesa SECONDI]
 *   npx anpr queue list  --config CFG [--json]
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { AnprConfigError, loadAnprConfig, type AnprConfig } from '../../../anpr/config/anpr-config';
import { isServiceCode } from '../../../anpr/services/registry';
import { systemClock } from '../../../core/clock';
import { acquireDataDirLock, type DataDirLock } from '../../../core/data-dir-lock';
import { defaultDataDir } from '../../../platform/paths';
import { openDatabase, type Db } from '../../../platform/db/database';
import { AppError } from '../../../platform/ipc/app-error';
import { createLogger } from '../../../platform/logger';
import { lookup3003FromClient, sendFnFromClient } from '../../../features/coda/anpr-adapter';
import { createQueue, QueueError, type Queue } from '../../../features/coda/queue';
import { ETICHETTE_STATO } from '../../../features/coda/states';
import type { QueueEvent, SendFn } from '../../../features/coda/types';
import { loadAnprContext, readBody } from '../anpr-context';
import { CliError } from '../cli-error';
import type { CliCommand } from './index';

const USO = 'uso: npx anpr queue <add|drain|list> --config CFG [opzioni]';

function config(path: string | undefined): AnprConfig {
  if (!path) throw new CliError('--config è obbligatorio.', 2);
  try {
    return loadAnprConfig(path);
  } catch (error) {
    if (error instanceof AnprConfigError) throw new CliError(error.message, 2);
    throw error;
  }
}

interface Opened {
  db: Db;
  queue: Queue;
  close(): void;
}

function open(cfg: AnprConfig, send: SendFn, extra: { lock: boolean; lookup?: Parameters<typeof createQueue>[0]['lookup3003']; xsd?: boolean }): Opened {
  const dataDir = cfg.dataDir ?? defaultDataDir();
  let lock: DataDirLock | undefined;
  if (extra.lock) {
    try {
      lock = acquireDataDirLock(dataDir);
    } catch (error) {
      if (error instanceof AppError) throw new CliError(error.message);
      throw error;
    }
  }
  try {
    const db = openDatabase(join(dataDir, 'sportello.sqlite'));
    const queue = createQueue({
      db,
      send,
      ...(extra.lookup ? { lookup3003: extra.lookup } : {}),
      clock: systemClock,
      logger: createLogger({ file: join(dataDir, 'logs', 'sportello.log') }),
      comune: cfg.comune,
      ambiente: cfg.ambiente,
      postazione: cfg.postazione,
      operatore: cfg.operatore,
      codDestinatario: cfg.codDestinatario,
      ...(extra.xsd === false ? { validateXml: null } : {}),
    });
    return {
      db,
      queue,
      close() {
        db.close();
        lock?.release();
      },
    };
  } catch (error) {
    lock?.release();
    throw error;
  }
}

const nonInviabile: SendFn = () => Promise.reject(new Error('not connected'));

/** Subject key and dataDecorrenza read from the body when not given. */
function dallaRichiesta(xml: string): { soggetto?: string; decorrenza?: string } {
  const idAnpr = /<idSchedaSoggettoANPR>\s*(\d+)\s*<\/idSchedaSoggettoANPR>/.exec(xml)?.[1];
  const cf = /<codFiscale>\s*([A-Za-z0-9]{11,16})\s*<\/codFiscale>/.exec(xml)?.[1] ?? /<codiceFiscale>\s*([A-Za-z0-9]{11,16})\s*<\/codiceFiscale>/.exec(xml)?.[1];
  const decorrenza = /<testataRichiesta>[\s\S]*?<dataDecorrenza>\s*(\d{4}-\d{2}-\d{2})[^<]*<\/dataDecorrenza>[\s\S]*?<\/testataRichiesta>/.exec(xml)?.[1];
  return {
    ...(idAnpr ? { soggetto: `ANPR:${idAnpr}` } : cf ? { soggetto: `CF:${cf.toUpperCase()}` } : {}),
    ...(decorrenza ? { decorrenza } : {}),
  };
}

function riga(e: QueueEvent): string | undefined {
  const ora = new Date().toISOString().slice(11, 19);
  if (e.tipo === 'pratica') {
    const ids = [e.idOperazioneComune ? `idOperazioneComune=${e.idOperazioneComune}` : '', e.idOperazioneANPR ? `idOperazioneANPR=${e.idOperazioneANPR}` : ''].filter(Boolean).join(' ');
    return `${ora} pratica ${e.praticaId} ${ETICHETTE_STATO[e.stato].toLowerCase()}${ids ? ` ${ids}` : ''}${e.messaggio && e.stato !== 'in_invio' ? ` — ${e.messaggio}` : ''}`;
  }
  if (e.stato === 'in_invio' || e.stato === 'inattiva') return undefined;
  return `${ora} coda ${e.stato.replace(/_/g, ' ')}${e.messaggio ? ` — ${e.messaggio}` : ''}`;
}

async function add(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      config: { type: 'string' },
      service: { type: 'string' },
      body: { type: 'string' },
      soggetto: { type: 'string' },
      decorrenza: { type: 'string' },
      protocollo: { type: 'string' },
      'data-protocollo': { type: 'string' },
      'no-xsd': { type: 'boolean' },
    },
    strict: true,
  });
  const cfg = config(values.config);
  if (!values.service || !isServiceCode(values.service)) throw new CliError('--service è obbligatorio e deve essere un codice servizio (es. 5005).', 2);
  const xml = readBody(values.body);
  const dalCorpo = dallaRichiesta(xml);
  const o = open(cfg, nonInviabile, { lock: true, xsd: !values['no-xsd'] });
  try {
    const id = await o.queue.aggiungi({
      servizio: values.service,
      formato: 'xml',
      payload: { xml },
      ...(values.soggetto ?? dalCorpo.soggetto ? { soggettoKey: values.soggetto ?? dalCorpo.soggetto } : {}),
      ...(values.decorrenza ?? dalCorpo.decorrenza ? { dataDecorrenza: values.decorrenza ?? dalCorpo.decorrenza } : {}),
      ...(values.protocollo ? { protocollo: values.protocollo } : {}),
      ...(values['data-protocollo'] ? { dataProtocollo: values['data-protocollo'] } : {}),
      operatore: cfg.operatore,
    });
    process.stdout.write(`${id}\n`);
    return 0;
  } catch (error) {
    if (error instanceof QueueError) throw new CliError(error.message);
    throw error;
  } finally {
    o.close();
  }
}

async function drain(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { config: { type: 'string' }, 'max-attesa': { type: 'string' } }, strict: true });
  const cfg = config(values.config);
  const maxAttesa = values['max-attesa'] === undefined ? 300 : Number(values['max-attesa']);
  if (!Number.isFinite(maxAttesa) || maxAttesa < 0) throw new CliError('--max-attesa deve essere un numero di secondi.', 2);
  const ctx = loadAnprContext(values.config!);
  const o = open(cfg, sendFnFromClient(ctx.client), { lock: true, lookup: lookup3003FromClient(ctx.client, cfg) });
  o.queue.subscribe((e) => {
    const line = riga(e);
    if (line) process.stdout.write(line + '\n');
  });
  try {
    const r = await o.queue.drain({ maxAttesaMs: maxAttesa * 1000 });
    const c = o.queue.conteggi();
    process.stdout.write(
      `fine: ${r.messaggio ?? r.fine} inviate=${r.inviate} accolte=${c.accolta} accolte_con_avvisi=${c.accolta_con_avvisi} respinte=${c.respinta} ` +
        `esito_incerto=${c.esito_incerto} richiede_intervento=${c.richiede_intervento} pronte=${c.pronta}\n`,
    );
    if (r.fine === 'bloccata') throw new CliError(r.messaggio ?? 'Coda ferma: una pratica richiede intervento.');
    return 0;
  } finally {
    await o.queue.waitIdle();
    o.close();
  }
}

async function list(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { config: { type: 'string' }, json: { type: 'boolean' } }, strict: true });
  const cfg = config(values.config);
  const o = open(cfg, nonInviabile, { lock: false });
  try {
    const rows = o.queue.list().map((p) => ({
      id: p.id,
      servizio: p.servizio,
      stato: p.stato,
      idOperazioneComune: p.idOperazioneComune,
      idOperazioneANPR: p.idOperazioneANPR,
      errori: p.errori,
      messaggio: p.messaggio,
      soggetto: p.soggettoKey,
      dataDecorrenza: p.dataDecorrenza,
      revisione: p.revisione,
      scartata: p.scartata,
      invii: o.queue.invii(p.id).map((i) => ({ idOperazioneComune: i.id_operazione_comune, aperto: i.aperto === 1, chiusura: i.chiusura, esito: i.esito, tentativi: i.tentativi })),
      creata: p.creata,
      aggiornata: p.aggiornata,
    }));
    if (values.json) process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
    else for (const r of rows) process.stdout.write(`${r.id}  ${r.servizio}  ${ETICHETTE_STATO[r.stato].padEnd(20)} ${r.idOperazioneComune ?? '-'}  ${r.idOperazioneANPR ?? '-'}  ${r.messaggio ?? ''}\n`);
    return 0;
  } finally {
    o.close();
  }
}

export const queueCommand: CliCommand = {
  summary: 'coda delle pratiche: add (accoda), drain (invia), list (elenca)',
  async run(args) {
    const [sub, ...rest] = args;
    try {
      if (sub === 'add') return await add(rest);
      if (sub === 'drain') return await drain(rest);
      if (sub === 'list') return await list(rest);
    } catch (error) {
      if (error instanceof CliError) throw error;
      if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) throw new CliError(error.message, 2);
      throw error;
    }
    throw new CliError(USO, 2);
  },
};
