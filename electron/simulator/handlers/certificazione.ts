/**
 * 6001: certificate issuance from the current state, with the blocking
 * checks of controlli_certificati.csv (subject state, head of family, civil
 * status, bollo/esenzione, open procedimento) and their real codes. The PDF
 * travels as an MTOM attachment; emissione 3 is a preview (no protocol).
 */
import { createHash } from 'node:crypto';
import { wGeneralita } from '../../../shared/anpr/servizi/elementi';
import { xopInclude } from '../../anpr/mtom/mtom';
import { el, leaf, leaves, serialize } from '../../../shared/xml/writer';
import { getAnprTables } from '../../platform/tabelle/loader';
import { formatDataIt } from '../../../shared/domain/date-it';
import { errore, rifiuta, BusinessError } from '../errori';
import { cerca, chiavi, childByLocalName, childrenByLocalName, text } from '../read';
import { generalitaOf, residenzaOf } from '../render';
import { buildCertificatoPdf } from '../pdf';
import { qualified, rispostaRoot, testataRisposta, type Errore } from '../soap';
import type { PersonaSim } from '../state/store';
import type { HandlerContext, HandlerResult } from './types';

const TITOLI: Record<string, string> = {
  '1': 'Certificato anagrafico di nascita', '2': 'Certificato anagrafico di morte', '3': 'Certificato anagrafico di matrimonio',
  '4': 'Certificato di cancellazione anagrafica', '5': 'Certificato di cittadinanza', '6': 'Certificato storico di cittadinanza',
  '7': 'Certificato di esistenza in vita', '8': 'Certificato di residenza', '9': 'Certificato storico di residenza',
  '10': 'Certificato di residenza AIRE', '11': 'Certificato di stato civile', '12': 'Certificato di stato di famiglia',
  '13': 'Certificato di stato di famiglia e di stato civile', '14': 'Certificato di residenza in convivenza',
  '15': 'Certificato di stato di famiglia AIRE', '16': 'Certificato di stato di famiglia con rapporti di parentela',
  '17': 'Certificato di stato libero', '18': 'Certificato anagrafico di unione civile', '19': 'Certificato di contratto di convivenza',
  '20': 'Certificato storico di residenza alla data',
};

const NON_CUMULABILI = new Set(['2', '4', '6', '9']);
export const CERT_CONTENT_ID = 'certificato-6001@simulatore.anpr';

function controlli(ctx: HandlerContext, p: PersonaSim, tipi: string[]): void {
  const { store, body } = ctx;
  const dc = childByLocalName(body, 'datiControllo');
  const forza = text(dc, 'forzaCertificazione') === '1';
  const errori: Errore[] = [];
  const add = (codice: string, valori: string[] = []): void => void errori.push(errore(codice, valori));
  if (tipi.length > 1 && tipi.some((t) => NON_CUMULABILI.has(t))) add('EN046');
  if (tipi.includes('17') && (tipi.includes('3') || tipi.includes('11'))) add('EN158');
  if (tipi.includes('11') && tipi.includes('13')) add('EN159');
  // Bollo and diritti (section "Esenzione bolli").
  const bollo = Number(text(dc, 'bollo') ?? '0');
  const esenzioneBollo = text(dc, 'esenzioneBollo') ?? '0';
  const esenzioneDiritti = text(dc, 'esenzioneDiritti') ?? '0';
  const diritti = Number(text(dc, 'diritti') ?? '0');
  if (esenzioneBollo === '99' && !text(dc, 'descrizioneEsenzioneBollo')) add('EN281');
  if (esenzioneDiritti !== '0' && esenzioneDiritti !== '1') add('EN283');
  if (esenzioneBollo === '99' && esenzioneDiritti === '1' && diritti > 0) add('EN284');
  if ((esenzioneBollo === '0' || esenzioneBollo === '') && bollo <= 0) add('EN208');
  if (text(dc, 'bolloVirtuale') === '1' && !text(dc, 'descrizioneEsenzioneBollo') && bollo > 0 && esenzioneBollo !== '0') add('EN116');
  // Subject state.
  if (p.stato === 'deceduto') {
    if (tipi.includes('7')) add('EN054');
    else if (!tipi.every((t) => t === '2')) add('EN228');
  } else if (tipi.includes('2')) add('EN061');
  if (p.stato === 'cancellato' && !tipi.every((t) => t === '4')) add('EN229');
  if (p.procedimentoAperto && !forza) add('EN181');
  if (p.stato === 'residente') {
    const s = store.getScheda(p.legame.idFamigliaConvivenzaANPR);
    if (tipi.some((t) => ['12', '13', '16'].includes(t))) {
      if (!s) add('EN137');
      else if (s.tipo === 'famiglia' && !s.intestatarioId) add('EN062');
      else if (tipi.includes('16') && s.componenti.length === 1) add('EN059');
    }
    if (tipi.includes('14') && s?.tipo !== 'convivenza') add('EN137');
    if (tipi.includes('17') && p.statoCivile.codice === '2') add('EN060');
    if ((tipi.includes('5') || tipi.includes('6')) && p.cittadinanze.length === 0) add('EN407');
    if (tipi.includes('5') && !p.cittadinanze.some((c) => c.codiceStato === '100') && !forza) add('EN047', ['privo di cittadinanza italiana']);
  }
  if (errori.length > 0) throw new BusinessError(errori);
}

function righe(ctx: HandlerContext, p: PersonaSim, tipi: string[]): string[] {
  const { store } = ctx;
  const out = [
    `Codice fiscale: ${p.codiceFiscale}`,
    `Nato/a il ${formatDataIt(p.dataNascita)} a ${p.luogoNascita.tipo === 'comune' ? `${p.luogoNascita.nomeComune} (${p.luogoNascita.siglaProvincia})` : p.luogoNascita.descrizioneStato}`,
    `Cittadinanza: ${p.cittadinanze.map((c) => c.descrizioneStato).join(', ') || '-'}`,
  ];
  const r = residenzaOf(store, p);
  if (p.stato === 'residente' && r?.indirizzo) {
    const i = r.indirizzo;
    out.push(`Residenza: ${i.toponimo.specie ?? ''} ${i.toponimo.denominazioneToponimo ?? ''} ${i.numeroCivico?.numero ?? ''}, ${i.cap} ${i.comune.nomeComune}`.replace(/\s+/g, ' '));
  }
  if (tipi.some((t) => ['11', '13', '17'].includes(t))) out.push(`Stato civile: ${p.statoCivile.descrizione || p.statoCivile.codice}`);
  if (tipi.some((t) => ['12', '13', '16'].includes(t))) {
    const s = store.getScheda(p.legame.idFamigliaConvivenzaANPR);
    out.push('Composizione della famiglia anagrafica:');
    for (const id of s?.componenti ?? []) {
      const m = store.getPersona(id);
      if (m) out.push(`  ${m.cognome} ${m.nome}, nato/a il ${formatDataIt(m.dataNascita)} — ${m.legame.descrizioneLegame}`);
    }
  }
  if (p.datiDecesso) out.push(`Deceduto/a il ${formatDataIt(p.datiDecesso.data)}`);
  return out;
}

export function handle6001(ctx: HandlerContext): HandlerResult {
  const { store, body, comune } = ctx;
  const tipi = childrenByLocalName(childByLocalName(body, 'listaTipiCertificati'), 'tipoCertificato').map((e) => String(Number(e.textContent ?? '0')));
  const k = chiavi(childByLocalName(childByLocalName(body, 'soggettoIntestatario'), 'generalita'));
  const found = cerca(store, k);
  if (found.length === 0) rifiuta('EN042', [formatDataIt(ctx.oggi)]);
  if (found.length > 1) rifiuta('EN043');
  const p = found[0]!;
  controlli(ctx, p, tipi);
  const dc = childByLocalName(body, 'datiControllo');
  const anteprima = text(dc, 'emissione') === '3';
  const soloDati = text(dc, 'tipoRichiesta') === '2';
  const protocollo = anteprima ? null : store.next('numeroProtocolloANPR', 90_000_000_001n);
  const c = getAnprTables().comuneValidoAlla(comune, ctx.oggi);
  const pdf = soloDati
    ? undefined
    : buildCertificatoPdf({
        titolo: tipi.map((t) => TITOLI[t] ?? `Certificato tipo ${t}`).join(' + '),
        comune: c?.denominazione ?? comune,
        intestatario: `${p.cognome} ${p.nome}`,
        righe: righe(ctx, p, tipi),
        protocollo,
        anteprima,
        emessoIl: formatDataIt(ctx.oggi),
      });
  const anomalie: Errore[] = p.anomalie.filter((a) => a.tipo === 'W').map((a) => ({ codice: a.codice, tipo: 'W', testo: a.testo }));
  const lingua = childrenByLocalName(childByLocalName(body, 'linguaCertificato'), 'tipoLinguaCertificato').map((e) => e.textContent ?? '');
  const param = (n: string): string | undefined => text(dc, n);
  const make = (fileContent: string | undefined): string =>
    serialize(
      rispostaRoot(
        '6001',
        qualified(
          'Risposta6001OK',
          testataRisposta(ctx.testata, ctx.idOperazioneANPR, anomalie.length > 0 ? '6' : '2'),
          lingua.length > 0 ? el('linguaCertificato', leaves('tipoLinguaCertificato', lingua)) : undefined,
          el('listaTipiCertificato', leaves('tipoCertificato', tipi)),
          el('soggettoIntestatario', wGeneralita('generalita', generalitaOf(p))),
          protocollo ? el('protocolloANPR', leaf('numeroProtocolloANPR', protocollo)) : undefined,
          el(
            'parametriRichiesta',
            ...['tipoRichiedente', 'tipoRichiesta', 'paEstera', 'emissione', 'bollo', 'bolloVirtuale', 'esenzioneDiritti', 'diritti', 'esenzioneBollo', 'descrizioneEsenzioneBollo', 'forzaCertificazione'].map((n) =>
              leaf(n, param(n)),
            ),
          ),
          fileContent !== undefined ? el('file', leaf('certificatoPdf', fileContent)) : undefined,
          anomalie.length > 0 ? el('listaAnomalie', anomalie.map((a) => el('anomalie', leaf('codiceErroreAnomalia', a.codice), leaf('tipoErroreAnomalia', a.tipo), leaf('testoErroreAnomalia', a.testo.slice(0, 240))))) : undefined,
        ),
      ),
    );
  if (!pdf) {
    const xml = make(undefined);
    return { bodyXml: xml, inlineBodyXml: xml, esito: '2', effetti: 0, soggetti: [] };
  }
  const RAW = '__XOP_INCLUDE__';
  const bodyXml = make(RAW).replace(`<certificatoPdf>${RAW}</certificatoPdf>`, `<certificatoPdf>${xopInclude(CERT_CONTENT_ID)}</certificatoPdf>`);
  const inlineBodyXml = make(pdf.toString('base64'));
  if (protocollo) {
    store.registraCertificato({
      numeroProtocollo: protocollo,
      comune,
      idOperazioneComune: ctx.testata.idOperazioneComune,
      persona: p.idSchedaSoggettoANPR,
      tipi,
      emessoIl: ctx.now.toISOString(),
      sha256: createHash('sha256').update(pdf).digest('hex'),
    });
  }
  return {
    bodyXml,
    inlineBodyXml,
    esito: anomalie.length > 0 ? '6' : '2',
    effetti: anteprima ? 0 : 1,
    soggetti: [],
    anomalie,
    attachments: [{ contentId: CERT_CONTENT_ID, data: pdf, contentType: 'application/pdf' }],
  };
}
