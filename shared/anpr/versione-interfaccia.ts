/**
 * The ANPR interface version this app speaks (testataRichiesta/codDestinatario
 * and the WSDL/XSD it was built against, resources/anpr/wsdl/2024-11_v9.0.3),
 * and how it compares with the list ANPR returns from 7003.
 */

export interface VersioneAnpr {
  codDestinatario: string;
  versioneCompleta: string;
}

export const VERSIONE_INTERFACCIA: VersioneAnpr = { codDestinatario: 'ANPR05', versioneCompleta: '9.0.3' };

export interface ConfrontoVersioni {
  /** ANPR still accepts requests addressed to the version this app speaks. */
  supportata: boolean;
  /** ANPR's current version is newer than the one this app speaks. */
  superata: boolean;
  /** Italian, for the home screen; null when there is nothing to say. */
  messaggio: string | null;
}

const nome = (v: VersioneAnpr) => `${v.codDestinatario} (${v.versioneCompleta})`;

/**
 * ANPR routes a request by its codDestinatario: the version is supported while
 * some listed version carries it, whatever its patch number.
 */
export function confrontaVersioni(parlata: VersioneAnpr, elenco: { corrente: VersioneAnpr; supportate: readonly VersioneAnpr[] }): ConfrontoVersioni {
  const tutte = [elenco.corrente, ...elenco.supportate];
  const supportata = tutte.some((v) => v.codDestinatario === parlata.codDestinatario);
  const superata = elenco.corrente.codDestinatario !== parlata.codDestinatario || elenco.corrente.versioneCompleta !== parlata.versioneCompleta;
  if (!supportata) {
    const accettate = [...new Set(tutte.map(nome))].join(', ');
    return {
      supportata,
      superata,
      messaggio: `ANPR non accetta più la versione di interfaccia usata da questa applicazione, ${nome(parlata)}: accetta ${accettate}. Le richieste sarebbero respinte: aggiornare Sportello ANPR prima di inviare pratiche.`,
    };
  }
  if (superata) {
    return {
      supportata,
      superata,
      messaggio: `ANPR ha pubblicato la versione di interfaccia ${nome(elenco.corrente)}; questa applicazione usa ${nome(parlata)}, ancora accettata. Pianificare l'aggiornamento di Sportello ANPR.`,
    };
  }
  return { supportata, superata, messaggio: null };
}
