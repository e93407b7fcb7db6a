/** 7001 (the requested decoding table, as shipped in resources) and TestConn. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { el, leaf, serialize } from '../../../shared/xml/writer';
import { CATALOGO_TABELLE } from '../../platform/tabelle/catalogo';
import { cartellaTabellePredefinita } from '../../platform/tabelle/loader';
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

export function handle7003(ctx: HandlerContext): HandlerResult {
  const versione = (name: string, v: { codDestinatario: string; versioneCompleta: string }) => {
    const [major, minor, patch] = v.versioneCompleta.split('.');
    return el(name, leaf('CodDestinatario', v.codDestinatario), leaf('VersioneCompleta', v.versioneCompleta), leaf('VersioneMajor', major), leaf('VersioneMinor', minor), leaf('VersionePatch', patch));
  };
  const tutte = text(ctx.body, 'datiRichiesta', 'tipoVersioni') === '2';
  const bodyXml = serialize(
    rispostaRoot(
      '7003',
      qualified('RispostaMultipla7003', testataRisposta(ctx.testata, ctx.idOperazioneANPR, '2'), el('statoVersioni', versione('versioneCorrente', ctx.versioni.corrente), ...(tutte ? ctx.versioni.supportate.map((v) => versione('versioniSupportate', v)) : []))),
    ),
  );
  return { bodyXml, esito: '2', effetti: 0, soggetti: [] };
}
