/** 7001 (the requested decoding table, as shipped in resources) and TestConn. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { el, leaf, serialize } from '../../../shared/xml/writer';
import { CATALOGO_TABELLE } from '../../tables/catalogo';
import { cartellaTabellePredefinita } from '../../tables/loader';
import { rifiuta } from '../errori';
import { text } from '../read';
import { qualified, rispostaRoot, testataRisposta } from '../soap';
import type { HandlerContext, HandlerResult } from './types';

export function handle7001(ctx: HandlerContext): HandlerResult {
  const id = text(ctx.body, 'datiRichiesta', 'idTabella') ?? '';
  const voce = CATALOGO_TABELLE.find((v) => v.numero === Number(id));
  if (!voce) rifiuta('EN122');
  const csv = readFileSync(join(cartellaTabellePredefinita(), voce.file));
  const bodyXml = serialize(
    rispostaRoot(
      '7001',
      qualified('RispostaMultipla7001', testataRisposta(ctx.testata, ctx.idOperazioneANPR, '2'), el('datiDettaglioRisposta', leaf('idTabella', id.padStart(3, '0')), leaf('xmlFile', csv.toString('base64')))),
    ),
  );
  return { bodyXml, esito: '2', effetti: 0, soggetti: [] };
}

export function handleTestConn(ctx: HandlerContext): HandlerResult {
  return { bodyXml: serialize(rispostaRoot('TestConn', testataRisposta(ctx.testata, ctx.idOperazioneANPR, '2'))), esito: '2', effetti: 0, soggetti: [] };
}

/** The interface versions the simulator speaks, as ANPR lists them (7003): ANPR05 only, as ANPR since 2024-07. */
const VERSIONE_CORRENTE = { codDestinatario: 'ANPR05', completa: '9.0.3', major: '9', minor: '0', patch: '3' };

export function handle7003(ctx: HandlerContext): HandlerResult {
  const v = VERSIONE_CORRENTE;
  const versione = (name: string) =>
    el(name, leaf('CodDestinatario', v.codDestinatario), leaf('VersioneCompleta', v.completa), leaf('VersioneMajor', v.major), leaf('VersioneMinor', v.minor), leaf('VersionePatch', v.patch));
  const tutte = text(ctx.body, 'datiRichiesta', 'tipoVersioni') === '2';
  const bodyXml = serialize(
    rispostaRoot(
      '7003',
      qualified('RispostaMultipla7003', testataRisposta(ctx.testata, ctx.idOperazioneANPR, '2'), el('statoVersioni', versione('versioneCorrente'), tutte && versione('versioniSupportate'))),
    ),
  );
  return { bodyXml, esito: '2', effetti: 0, soggetti: [] };
}
