/**
 * Helpers that turn pieces of an ANPR response into {@link AnprOutcome}s:
 * error lists, testataRisposta, rispostaKO classification (999 / EN148 are
 * ambiguous, not rejections), SOAP faults with an Italian explanation.
 */
import type { Element } from '@xmldom/xmldom';
import type { AnprOutcome, ErroreAnpr, TestataEsito } from '../outcome';
import { lookupErrore } from '../catalogue/catalogue';
import { childByLocalName, childrenByLocalName, childText } from '../xml/safe';

export interface TestataRispostaParsed extends TestataEsito {
  codMittente?: string;
  codDestinatario?: string;
  operazioneRichiesta?: string;
  dataOraRichiesta?: string;
  protocolloComune?: string;
  dataProtocolloComune?: string;
  dataDecorrenza?: string;
}

/** testataRisposta → text fields (ids kept as strings, never parseInt). */
export function parseTestataRisposta(el: Element | undefined): TestataRispostaParsed {
  const t: TestataRispostaParsed = { idOperazioneComune: childText(el, 'idOperazioneComune') ?? '' };
  const opt = (k: keyof TestataRispostaParsed): void => {
    const v = childText(el, k);
    if (v !== undefined && v !== '') (t as unknown as Record<string, string>)[k] = v;
  };
  opt('codMittente');
  opt('codDestinatario');
  opt('operazioneRichiesta');
  opt('dataOraRichiesta');
  opt('protocolloComune');
  opt('dataProtocolloComune');
  opt('dataDecorrenza');
  opt('idOperazioneANPR');
  opt('esitoOperazione');
  return t;
}

/** One tipoErroriAnomalia / tipoAnomalie element. Missing text → catalogue. */
export function parseErrore(el: Element): ErroreAnpr {
  const codice = childText(el, 'codiceErroreAnomalia') ?? '';
  let testo = childText(el, 'testoErroreAnomalia') ?? '';
  const tipoRaw = childText(el, 'tipoErroreAnomalia') ?? '';
  const cat = codice ? lookupErrore(codice) : undefined;
  if (!testo && cat) testo = cat.descrizione;
  const tipo = tipoRaw || (cat?.severita ?? '');
  const e: ErroreAnpr = { codice, tipo, testo };
  const oggetto = childText(el, 'oggettoErroreAnomalia');
  const campo = childText(el, 'campoErroreAnomalia');
  const valore = childText(el, 'valoreErroreAnomalia');
  if (oggetto) e.oggetto = oggetto;
  if (campo) e.campo = campo;
  if (valore) e.valore = valore;
  return e;
}

/** All `itemName` children of a list element (listaErrori/errore, listaAnomalie/anomalie…). */
export function parseErroriList(list: Element | undefined, itemName: string): ErroreAnpr[] {
  return childrenByLocalName(list, itemName).map(parseErrore);
}

/** Errors of any list container, whatever its item name (errore | anomalie). */
export function parseAnyErrori(list: Element | undefined): ErroreAnpr[] {
  if (!list) return [];
  return [...parseErroriList(list, 'errore'), ...parseErroriList(list, 'anomalie')];
}

const isCode = (e: ErroreAnpr, code: string): boolean => e.codice.trim().toUpperCase() === code;

/**
 * EN148 is also ANPR's generic "operation not allowed", with a text of its own
 * (anpr#1906): a state change of a citizen's request refused (Esito 12003/12004,
 * anpr#3134, anpr#4386), a date window too wide, an operation already annulled.
 * Those are definite refusals, not an operation still in progress.
 */
const EN148_RIFIUTO = /Esito: ?\d+|stato\/proroga|non puo' essere superiore|gia' annullata/i;

/**
 * Classifies a negative answer (rispostaKO / Risposta6001KO):
 * - `999` "Operazione non effettuabile" → esito_sconosciuto (transient, reconcile);
 * - `EN148` → esito_sconosciuto ("same idOperazioneComune still being processed",
 *   anpr#2905, #4053; not when its text is one of the definite refusals of
 *   {@link EN148_RIFIUTO}) — but only when no other blocking error explains the KO: the
 *   2024 EN148 warning asking to use the ID ANPR can ride along a real refusal;
 * - anything else → respinta (nothing stored: fix and resend with a NEW id).
 * EN527 (assistance info) is kept among the errors, never alone decisive.
 */
export function outcomeFromKo(testata: TestataRispostaParsed, errori: ErroreAnpr[]): AnprOutcome<never> {
  const esito = testataEsito(testata);
  if (errori.some((e) => isCode(e, '999'))) {
    return {
      kind: 'esito_sconosciuto',
      causa: 'errore_generico_999',
      messaggio:
        "ANPR ha risposto «Operazione non effettuabile» (errore 999): è un errore temporaneo del sistema centrale. " +
        "La pratica verrà verificata e, se necessario, reinviata con lo stesso identificativo.",
      dettaglio: `rispostaKO with generic error 999 (idOperazioneANPR=${testata.idOperazioneANPR ?? '-'})`,
      errori,
      ...(testata.idOperazioneComune ? { idOperazioneComune: testata.idOperazioneComune } : {}),
    };
  }
  const otherBlocking = errori.some(
    (e) => e.tipo.toUpperCase() === 'E' && ((!isCode(e, 'EN148') && !isCode(e, 'EN527')) || (isCode(e, 'EN148') && EN148_RIFIUTO.test(e.testo))),
  );
  if (errori.some((e) => isCode(e, 'EN148')) && !otherBlocking) {
    return {
      kind: 'esito_sconosciuto',
      causa: 'in_elaborazione_en148',
      messaggio:
        "ANPR segnala che l'operazione è ancora in elaborazione (EN148). L'esito verrà verificato più tardi con lo stesso identificativo.",
      dettaglio: `rispostaKO with EN148 (idOperazioneANPR=${testata.idOperazioneANPR ?? '-'})`,
      errori,
      ...(testata.idOperazioneComune ? { idOperazioneComune: testata.idOperazioneComune } : {}),
    };
  }
  return { kind: 'respinta', errori, ...esito };
}

export function testataEsito(t: TestataRispostaParsed): TestataEsito {
  const out: TestataEsito = { idOperazioneComune: t.idOperazioneComune };
  if (t.idOperazioneANPR) out.idOperazioneANPR = t.idOperazioneANPR;
  if (t.esitoOperazione) out.esitoOperazione = t.esitoOperazione;
  return out;
}

/** Success: accolta, or accolta_con_avvisi when esito is 6 or anomalies are present. */
export function outcomeFromOk<T>(testata: TestataRispostaParsed, value: T, anomalie: ErroreAnpr[]): AnprOutcome<T> {
  const esito = testataEsito(testata);
  const avvisi = testata.esitoOperazione === '6' || anomalie.length > 0;
  return avvisi ? { kind: 'accolta_con_avvisi', value, anomalie, ...esito } : { kind: 'accolta', value, anomalie, ...esito };
}

export function malformed(dettaglio: string, idOperazioneComune?: string): AnprOutcome<never> {
  return {
    kind: 'esito_sconosciuto',
    causa: 'risposta_malformata',
    messaggio:
      "La risposta di ANPR non è leggibile. L'operazione potrebbe essere stata eseguita: verrà verificata con lo stesso identificativo prima di qualsiasi reinvio.",
    dettaglio,
    ...(idOperazioneComune ? { idOperazioneComune } : {}),
  };
}

/** Italian explanation of a SOAP fault for the clerk. */
export function messaggioSoapFault(faultcode: string, faultstring: string): string {
  const fs = faultstring.toLowerCase();
  if (fs.includes('rejected by policy')) {
    return (
      'ANPR ha rifiutato la richiesta per motivi di sicurezza ("Rejected by policy"). Cause più frequenti: ' +
      "1) l'indirizzo IP pubblico della postazione non è abilitato nella web app ANPR; " +
      "2) l'orologio del computer non è sincronizzato (la richiesta vale solo 5 minuti); " +
      '3) il certificato del comune non è valido, è scaduto o è stato revocato. ' +
      "Verificare questi punti con l'amministratore prima di riprovare."
    );
  }
  if (fs.includes('internal error') && fs.includes('from client')) {
    return "ANPR non ha accettato l'intestazione di sicurezza del messaggio (\"Internal Error (from client)\"). Verificare la configurazione della firma e del certificato.";
  }
  if (fs.includes('internal error') || /server/i.test(faultcode)) {
    return "Errore interno del sistema ANPR. Riprovare più tardi; se il problema persiste contattare l'assistenza ANPR.";
  }
  return `ANPR ha restituito un errore SOAP (${faultcode}): ${faultstring}`;
}

/** Parses a soap:Fault element (SOAP 1.1, tolerant of 1.2 Code/Reason). */
export function outcomeFromFault(fault: Element): AnprOutcome<never> {
  let faultcode = childText(fault, 'faultcode') ?? '';
  let faultstring = childText(fault, 'faultstring') ?? '';
  if (!faultcode) faultcode = childText(childByLocalName(fault, 'Code'), 'Value') ?? '';
  if (!faultstring) faultstring = childText(childByLocalName(fault, 'Reason'), 'Text') ?? '';
  const detail = childByLocalName(fault, 'detail') ?? childByLocalName(fault, 'Detail');
  const detailText = detail ? (detail.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 500) : '';
  return {
    kind: 'soap_fault',
    faultcode,
    faultstring,
    messaggio: messaggioSoapFault(faultcode, faultstring),
    dettaglio: `SOAP Fault ${faultcode}: ${faultstring}${detailText ? ` | detail: ${detailText}` : ''}`,
  };
}
