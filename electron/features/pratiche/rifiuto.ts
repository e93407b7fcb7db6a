/** Why the pratiche module refuses an action: a stable code and the clerk's message (Italian). */
export class PraticaRifiutata extends Error {
  constructor(
    readonly codice: string,
    message: string,
  ) {
    super(message);
    this.name = 'PraticaRifiutata';
  }
}

/** Who acts: the session's operator (never the request's). */
export interface Operatore {
  codiceFiscale: string;
  ruolo: string;
}
