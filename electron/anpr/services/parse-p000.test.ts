/**
 * Parsing the citizens' requests answers (P001, P002, P003): the same body in
 * any namespace-prefix style (ns2: prefixes, or a default namespace with
 * xmlns="" children, as real ANPR answers and comuni's tools write them), P002
 * with its files inline or as MTOM parts (anpr#3286), EN148 refusals.
 */
import { describe, expect, it } from 'vitest';
import { buildMtomResponse, xopInclude } from '../mtom/mtom';
import { validateResponseBody } from '../xsd/validate';
import { parseHttpResponse, parseResponse } from './parse-response';

const NS = 'http://sogei.it/ANPR/P000sc';
const env = (body: string): string =>
  `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`;

const testata = (op: string, esito = '2'): string =>
  `<testataRisposta><idOperazioneComune>1006014</idOperazioneComune><codMittente>ANPR05</codMittente><codDestinatario>049009</codDestinatario>` +
  `<operazioneRichiesta>${op}</operazioneRichiesta><dataOraRichiesta>2024-02-06T11:56:14</dataOraRichiesta><idOperazioneANPR>1889264171</idOperazioneANPR><esitoOperazione>${esito}</esitoOperazione></testataRisposta>`;

const PDF = Buffer.from('%PDF-1.4\n%fittizio\n');
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0xff, 0xd9]);

const contenuto = (b: Buffer, cid?: string): string => `<contenuto>${cid ? xopInclude(cid) : b.toString('base64')}</contenuto>`;

/** The inner content of RispostaOKP002 (unqualified children). */
const dettaglio = (mtom = false): string =>
  testata('P002') +
  `<criteriRicerca><codiceRichiesta>28833517</codiceRichiesta></criteriRicerca>` +
  `<dettaglio><codiceRichiesta>28833517</codiceRichiesta><idTipologia>2</idTipologia><dataApertura>2024-02-01T09:00:00</dataApertura>` +
  `<dataScadenza>2024-02-05T09:00:00</dataScadenza><dataUltimoAggiornamento>2024-02-02T10:00:00</dataUltimoAggiornamento><numeroProroghe>0</numeroProroghe>` +
  `<statoRichiestaCorrente><idStato>12</idStato><operatore>JENTE</operatore><dataStato>2024-02-02T10:00:00</dataStato><note>Registrata la residenza</note></statoRichiestaCorrente>` +
  `<recapiti><recapito><idTipologiaRecapito>1</idTipologiaRecapito><valoreRecapito>mario.rossi@esempio.it</valoreRecapito></recapito></recapiti>` +
  `<identificativi><idANPR>AB12345CD</idANPR></identificativi>` +
  `<soggettoRichiedente><codiceFiscale><codFiscale>RSSMRA80A01H501U</codFiscale></codiceFiscale><cognome>ROSSI</cognome><nome>MARIO</nome></soggettoRichiedente>` +
  `<comuneInteressato><nomeComune>ROMA</nomeComune><codiceIstat>058091</codiceIstat><siglaProvinciaIstat>RM</siglaProvinciaIstat></comuneInteressato>` +
  `<storicoStati><statoRichiesta><idStato>2</idStato><operatore>PORTALE</operatore><dataStato>2024-02-01T09:00:00</dataStato></statoRichiesta>` +
  `<statoRichiesta><idStato>3</idStato><operatore>JENTE</operatore><dataStato>2024-02-01T11:00:00</dataStato></statoRichiesta></storicoStati>` +
  `<riepilogoRichiesta><nomeFile>riepilogo.pdf</nomeFile><idFormatoFile>1</idFormatoFile>${contenuto(PDF, mtom ? 'riepilogo@anpr' : undefined)}</riepilogoRichiesta>` +
  `<allegati><allegato><idTipologia>2</idTipologia><nomeFile>foto.jpg</nomeFile><idFormatoFile>99</idFormatoFile>${contenuto(JPEG, mtom ? 'foto@anpr' : undefined)}</allegato></allegati>` +
  `<datiDichiarazioneResidenza><tipoFamiglia>2</tipoFamiglia><componentiCoinvolti><componente><idSchedaSoggettoANPR>123456</idSchedaSoggettoANPR><idGradoParentela>1</idGradoParentela>` +
  `<flagPatente>SI</flagPatente><flagVeicoli>NO</flagVeicoli><statoAccettazione>3</statoAccettazione><dataAccettazione>2024-02-01T09:05:00</dataAccettazione></componente></componentiCoinvolti>` +
  `<indirizzo><cap>00184</cap><comune><nomeComune>ROMA</nomeComune><codiceIstat>058091</codiceIstat><siglaProvinciaIstat>RM</siglaProvinciaIstat></comune>` +
  `<toponimo><codSpecie>54</codSpecie><specie>VIA</specie><denominazioneToponimo>NAZIONALE</denominazioneToponimo></toponimo><civico>12</civico></indirizzo>` +
  `<datiImmobile><idTipoOccupazione>1</idTipoOccupazione></datiImmobile></datiDichiarazioneResidenza></dettaglio>`;

/** ns2: prefixes on the qualified elements, the rest unqualified. */
const prefissato = (inner: string): string => `<ns2:RispostaP002 xmlns:ns2="${NS}"><ns2:RispostaOKP002>${inner}</ns2:RispostaOKP002></ns2:RispostaP002>`;
/** Default namespace on the qualified elements, xmlns="" on every unqualified child. */
const predefinito = (inner: string): string =>
  `<RispostaP002 xmlns="${NS}"><RispostaOKP002>${inner.replace(/<(testataRisposta|criteriRicerca|dettaglio)>/g, '<$1 xmlns="">')}</RispostaOKP002></RispostaP002>`;

describe('P002 in any namespace-prefix style', () => {
  for (const [nome, stile] of [
    ['ns2: prefixes', prefissato],
    ['default namespace with xmlns=""', predefinito],
  ] as const) {
    it(`${nome}: XSD-valid and parsed the same`, async () => {
      const body = stile(dettaglio());
      expect(await validateResponseBody(body, 'P002')).toEqual({ valid: true });
      const o = parseResponse('P002', env(body));
      expect(o.kind).toBe('accolta');
      if (o.kind !== 'accolta') return;
      const d = o.value.dettaglio!;
      expect(d).toMatchObject({
        codiceRichiesta: '28833517',
        idTipologia: '2',
        statoCorrente: { idStato: '12', operatore: 'JENTE', note: 'Registrata la residenza' },
        recapiti: [{ idTipologiaRecapito: '1', valore: 'mario.rossi@esempio.it' }],
        idANPR: 'AB12345CD',
        richiedente: { codiceFiscale: 'RSSMRA80A01H501U', cognome: 'ROSSI' },
        comuneInteressato: { nomeComune: 'ROMA' },
        numeroProroghe: 0,
      });
      expect(d.storicoStati.map((s) => s.idStato)).toEqual(['2', '3']);
      expect(Buffer.from(d.riepilogo!.base64, 'base64')).toEqual(PDF);
      expect(d.allegati[0]).toMatchObject({ nome: 'foto.jpg', formato: '99', idTipologia: '2' });
      expect(Buffer.from(d.allegati[0]!.base64, 'base64')).toEqual(JPEG);
      expect(d.componenti[0]).toMatchObject({ idSchedaSoggettoANPR: '123456', statoAccettazione: '3', flagPatente: 'SI' });
      expect(d.indirizzoDichiarato).toMatchObject({ cap: '00184', toponimo: { denominazioneToponimo: 'NAZIONALE' }, civico: '12' });
      expect(d.datiSpecifici?.tipo).toBe('datiDichiarazioneResidenza');
    });
  }

  it('MTOM: the summary PDF and the attachment as MIME parts (xop:Include)', () => {
    const m = buildMtomResponse(env(prefissato(dettaglio(true))), [
      { contentId: 'riepilogo@anpr', data: PDF, contentType: 'application/pdf' },
      { contentId: 'foto@anpr', data: JPEG, contentType: 'image/jpeg' },
    ]);
    const o = parseHttpResponse('P002', m.contentType, m.body);
    expect(o.kind).toBe('accolta');
    if (o.kind !== 'accolta') return;
    expect(Buffer.from(o.value.dettaglio!.riepilogo!.base64, 'base64')).toEqual(PDF);
    expect(Buffer.from(o.value.dettaglio!.allegati[0]!.base64, 'base64')).toEqual(JPEG);
  });
});

describe('P001 and P003', () => {
  it('P001: the list, both styles', () => {
    const inner =
      testata('P001') +
      `<criteriRicerca><dataIniziale>2024-02-01</dataIniziale><dataFinale>2024-02-28</dataFinale><idTipologia>2</idTipologia><idStatoRichiesta/><flagInScadenza>true</flagInScadenza></criteriRicerca>` +
      `<elenco><richiesta><codiceRichiesta>28833517</codiceRichiesta><idSchedaSoggettoRichiedente>123456</idSchedaSoggettoRichiedente><idStatoRichiesta>2</idStatoRichiesta>` +
      `<idTipologia>2</idTipologia><dataApertura>2024-02-01T09:00:00</dataApertura><codiceFiscaleSoggettoRichiedente><codFiscale>RSSMRA80A01H501U</codFiscale></codiceFiscaleSoggettoRichiedente></richiesta></elenco>`;
    for (const body of [
      `<ns2:RispostaP001 xmlns:ns2="${NS}"><ns2:RispostaOKP001>${inner}</ns2:RispostaOKP001></ns2:RispostaP001>`,
      `<RispostaP001 xmlns="${NS}"><RispostaOKP001>${inner.replace(/<(testataRisposta|criteriRicerca|elenco)>/g, '<$1 xmlns="">')}</RispostaOKP001></RispostaP001>`,
    ]) {
      const o = parseResponse('P001', env(body));
      expect(o.kind).toBe('accolta');
      if (o.kind !== 'accolta') return;
      expect(o.value.criteriRicerca).toMatchObject({ idTipologia: '2', flagInScadenza: true });
      expect(o.value.richieste).toEqual([
        { codiceRichiesta: '28833517', idSchedaSoggettoRichiedente: '123456', idStatoRichiesta: '2', idTipologia: '2', dataApertura: '2024-02-01T09:00:00', codiceFiscaleSoggettoRichiedente: 'RSSMRA80A01H501U' },
      ]);
    }
  });

  it('P003: the outcome; EN148 Esito 12003 is a refusal, not an operation in progress', () => {
    const ok = `<ns2:RispostaP003 xmlns:ns2="${NS}"><ns2:RispostaOKP003>${testata('P003')}<criteriRicerca><codiceRichiesta>28833517</codiceRichiesta><idStatoRichiesta>3</idStatoRichiesta><operatore>JENTE</operatore></criteriRicerca><esito><codiceEsito>0</codiceEsito></esito></ns2:RispostaOKP003></ns2:RispostaP003>`;
    expect(parseResponse('P003', env(ok))).toMatchObject({ kind: 'accolta', value: { codiceRichiesta: '28833517', idStatoRichiesta: '3', codiceEsito: '0' } });
    const ko =
      `<ns2:RispostaP003 xmlns:ns2="${NS}"><ns2:rispostaKO>${testata('P003', 'XXXX')}<listaErrori><errore><codiceErroreAnomalia>EN148</codiceErroreAnomalia><tipoErroreAnomalia>E</tipoErroreAnomalia>` +
      `<testoErroreAnomalia>Errore nell'impostazione dello stato/proroga pratica. Esito: 12003</testoErroreAnomalia></errore></listaErrori></ns2:rispostaKO></ns2:RispostaP003>`;
    expect(parseResponse('P003', env(ko))).toMatchObject({ kind: 'respinta', errori: [{ codice: 'EN148' }] });
  });
});
