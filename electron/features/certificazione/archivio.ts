/**
 * The certificate archive (table `certificati_emessi`, migration 0007): the
 * "issuance in progress" row written before sending, completed from ANPR's
 * answer, the PDF bytes exactly as received with their SHA-256, and the
 * print log. Only this module writes those tables.
 */
import { createHash } from 'node:crypto';
import type { Db } from '../../platform/db/database';
import type { CertificatoArchivio, ErroreAnprCert, StatoCertificato } from '../../../shared/ipc/domains/certificazione';

export interface RigaCertificato {
  id: number;
  id_operazione_comune: string;
  ambiente: string;
  comune: string;
  stato: StatoCertificato;
  tipi: string;
  intestatario_id_anpr: string;
  intestatario_cf: string | null;
  intestatario_nominativo: string;
  richiedente: string;
  pa_estera: string;
  bollo_centesimi: number;
  bollo_modalita: string;
  esenzione_bollo: string;
  descrizione_esenzione: string;
  diritti_esenti: number;
  diritti_centesimi: number;
  operatore_cf: string;
  operatore_nominativo: string;
  richiesta_json: string;
  creato: string;
  tentativi: number;
  ultimo_tentativo: string | null;
  ultimo_esito: string | null;
  emesso: string | null;
  giorno: string | null;
  id_operazione_anpr: string | null;
  protocollo_anpr: string | null;
  pdf_sha256: string | null;
  pdf_byte: number | null;
  errori_json: string;
  messaggio: string | null;
  stampe: number;
}

export type NuovaRiga = Pick<
  RigaCertificato,
  | 'id_operazione_comune'
  | 'ambiente'
  | 'comune'
  | 'tipi'
  | 'intestatario_id_anpr'
  | 'intestatario_cf'
  | 'intestatario_nominativo'
  | 'richiedente'
  | 'pa_estera'
  | 'bollo_centesimi'
  | 'bollo_modalita'
  | 'esenzione_bollo'
  | 'descrizione_esenzione'
  | 'diritti_esenti'
  | 'diritti_centesimi'
  | 'operatore_cf'
  | 'operatore_nominativo'
  | 'richiesta_json'
  | 'creato'
>;

export interface FiltroArchivio {
  dal: string;
  al: string;
  testo: string;
  operatore: string;
  stato: StatoCertificato | '';
}

/** Every column but the PDF itself (lists never load the bytes). */
const COLONNE = `c.id, c.id_operazione_comune, c.ambiente, c.comune, c.stato, c.tipi, c.intestatario_id_anpr, c.intestatario_cf,
  c.intestatario_nominativo, c.richiedente, c.pa_estera, c.bollo_centesimi, c.bollo_modalita, c.esenzione_bollo,
  c.descrizione_esenzione, c.diritti_esenti, c.diritti_centesimi, c.operatore_cf, c.operatore_nominativo, c.richiesta_json,
  c.creato, c.tentativi, c.ultimo_tentativo, c.ultimo_esito, c.emesso, c.giorno, c.id_operazione_anpr, c.protocollo_anpr,
  c.pdf_sha256, c.pdf_byte, c.errori_json, c.messaggio,
  (SELECT COUNT(*) FROM certificati_stampe s WHERE s.certificato_id = c.id) AS stampe`;

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function createArchivio(db: Db) {
  const q = {
    inserisci: db.prepare(
      `INSERT INTO certificati_emessi (id_operazione_comune, ambiente, comune, stato, tipi, intestatario_id_anpr, intestatario_cf,
         intestatario_nominativo, richiedente, pa_estera, bollo_centesimi, bollo_modalita, esenzione_bollo, descrizione_esenzione,
         diritti_esenti, diritti_centesimi, operatore_cf, operatore_nominativo, richiesta_json, creato)
       VALUES (@id_operazione_comune, @ambiente, @comune, 'in_emissione', @tipi, @intestatario_id_anpr, @intestatario_cf,
         @intestatario_nominativo, @richiedente, @pa_estera, @bollo_centesimi, @bollo_modalita, @esenzione_bollo, @descrizione_esenzione,
         @diritti_esenti, @diritti_centesimi, @operatore_cf, @operatore_nominativo, @richiesta_json, @creato)`,
    ),
    uno: db.prepare<[number], RigaCertificato>(`SELECT ${COLONNE} FROM certificati_emessi c WHERE c.id = ?`),
    inSospeso: db.prepare<[string], RigaCertificato>(`SELECT ${COLONNE} FROM certificati_emessi c WHERE c.stato = 'in_emissione' AND c.ambiente = ? ORDER BY c.id`),
    tentativo: db.prepare('UPDATE certificati_emessi SET tentativi = tentativi + 1, ultimo_tentativo = ?, ultimo_esito = ? WHERE id = ?'),
    emesso: db.prepare(
      `UPDATE certificati_emessi SET stato = 'emesso', emesso = @emesso, giorno = @giorno, id_operazione_anpr = @id_operazione_anpr,
         protocollo_anpr = @protocollo_anpr, pdf = @pdf, pdf_sha256 = @pdf_sha256, pdf_byte = @pdf_byte, errori_json = @errori_json, messaggio = NULL
       WHERE id = @id AND stato = 'in_emissione'`,
    ),
    chiuso: db.prepare(
      `UPDATE certificati_emessi SET stato = @stato, id_operazione_anpr = @id_operazione_anpr, errori_json = @errori_json, messaggio = @messaggio
       WHERE id = @id AND stato = 'in_emissione'`,
    ),
    messaggio: db.prepare('UPDATE certificati_emessi SET messaggio = ? WHERE id = ?'),
    pdf: db.prepare<[number], { pdf: Buffer | null; pdf_sha256: string | null; protocollo_anpr: string | null; tipi: string; giorno: string | null }>(
      'SELECT pdf, pdf_sha256, protocollo_anpr, tipi, giorno FROM certificati_emessi WHERE id = ?',
    ),
    stampa: db.prepare('INSERT INTO certificati_stampe (certificato_id, quando, operatore_cf) VALUES (?, ?, ?)'),
    stampe: db.prepare<[number], { n: number }>('SELECT COUNT(*) AS n FROM certificati_stampe WHERE certificato_id = ?'),
  };

  return {
    /** The "issuance in progress" row, written before anything is sent. */
    inserisci(riga: NuovaRiga): RigaCertificato {
      const info = q.inserisci.run(riga);
      return q.uno.get(Number(info.lastInsertRowid))!;
    },
    get: (id: number) => q.uno.get(id),
    inSospeso: (ambiente: string) => q.inSospeso.all(ambiente),
    tentativo(id: number, quando: string, esito: string) {
      q.tentativo.run(quando, esito, id);
    },
    /** Stores ANPR's PDF exactly as received; the triggers forbid changing it afterwards. */
    registraEmesso(id: number, dati: { emesso: string; giorno: string; idOperazioneAnpr: string | null; protocollo: string | null; pdf: Buffer; avvisi: ErroreAnprCert[] }) {
      const r = q.emesso.run({
        id,
        emesso: dati.emesso,
        giorno: dati.giorno,
        id_operazione_anpr: dati.idOperazioneAnpr,
        protocollo_anpr: dati.protocollo,
        pdf: dati.pdf,
        pdf_sha256: sha256(dati.pdf),
        pdf_byte: dati.pdf.length,
        errori_json: JSON.stringify(dati.avvisi),
      });
      if (r.changes !== 1) throw new Error(`certificate ${id} was not in progress`);
    },
    chiudi(id: number, stato: 'respinto' | 'non_emesso', dati: { idOperazioneAnpr?: string | null; errori?: ErroreAnprCert[]; messaggio: string }) {
      q.chiuso.run({ id, stato, id_operazione_anpr: dati.idOperazioneAnpr ?? null, errori_json: JSON.stringify(dati.errori ?? []), messaggio: dati.messaggio });
    },
    annota(id: number, messaggio: string) {
      q.messaggio.run(messaggio, id);
    },
    pdf: (id: number) => q.pdf.get(id),
    registraStampa(id: number, quando: string, operatore: string): number {
      q.stampa.run(id, quando, operatore);
      return q.stampe.get(id)!.n;
    },
    cerca(f: FiltroArchivio, ambiente: string): RigaCertificato[] {
      const where: string[] = ['c.ambiente = @ambiente'];
      const params: Record<string, string> = { ambiente };
      if (f.dal) {
        where.push("coalesce(c.giorno, substr(c.creato, 1, 10)) >= @dal");
        params['dal'] = f.dal;
      }
      if (f.al) {
        where.push("coalesce(c.giorno, substr(c.creato, 1, 10)) <= @al");
        params['al'] = f.al;
      }
      if (f.operatore) {
        where.push('c.operatore_cf = @operatore');
        params['operatore'] = f.operatore.toUpperCase();
      }
      if (f.stato) {
        where.push('c.stato = @stato');
        params['stato'] = f.stato;
      }
      if (f.testo) {
        where.push('(c.intestatario_cf = @testoEsatto OR c.protocollo_anpr = @testoEsatto OR c.id_operazione_comune = @testoEsatto OR c.intestatario_nominativo LIKE @testoLike)');
        params['testoEsatto'] = f.testo.toUpperCase();
        params['testoLike'] = `%${f.testo.toUpperCase().replace(/[%_]/g, '')}%`;
      }
      const sql = `SELECT ${COLONNE} FROM certificati_emessi c WHERE ${where.join(' AND ')} ORDER BY c.id DESC LIMIT 500`;
      return db.prepare<Record<string, string>, RigaCertificato>(sql).all(params);
    },
    registro(giorno: string, operatore: string, ambiente: string): RigaCertificato[] {
      const sql = `SELECT ${COLONNE} FROM certificati_emessi c WHERE c.stato = 'emesso' AND c.giorno = @giorno AND c.ambiente = @ambiente ${operatore ? 'AND c.operatore_cf = @operatore' : ''} ORDER BY c.emesso, c.id`;
      return db.prepare<Record<string, string>, RigaCertificato>(sql).all({ giorno, ambiente, ...(operatore ? { operatore: operatore.toUpperCase() } : {}) });
    },
    operatoriDelGiorno(giorno: string, ambiente: string): { codiceFiscale: string; nominativo: string }[] {
      return db
        .prepare<[string, string], { codiceFiscale: string; nominativo: string }>(
          `SELECT operatore_cf AS codiceFiscale, max(operatore_nominativo) AS nominativo FROM certificati_emessi
           WHERE stato = 'emesso' AND giorno = ? AND ambiente = ? GROUP BY operatore_cf ORDER BY nominativo`,
        )
        .all(giorno, ambiente);
    },
  };
}

export type Archivio = ReturnType<typeof createArchivio>;

export function inArchivio(r: RigaCertificato, descrizioneTipo: (codice: string) => string): CertificatoArchivio {
  return {
    id: r.id,
    idOperazioneComune: r.id_operazione_comune,
    stato: r.stato,
    tipi: r.tipi.split(',').map((codice) => ({ codice, descrizione: descrizioneTipo(codice) })),
    intestatario: { idSchedaSoggettoANPR: r.intestatario_id_anpr, codiceFiscale: r.intestatario_cf, nominativo: r.intestatario_nominativo },
    richiedente: r.richiedente,
    paEstera: r.pa_estera,
    bolloCentesimi: r.bollo_centesimi,
    bolloModalita: r.bollo_modalita,
    esenzioneBollo: r.esenzione_bollo,
    descrizioneEsenzioneBollo: r.descrizione_esenzione,
    dirittiEsenti: r.diritti_esenti === 1,
    dirittiCentesimi: r.diritti_centesimi,
    operatore: { codiceFiscale: r.operatore_cf, nominativo: r.operatore_nominativo },
    creato: r.creato,
    emesso: r.emesso,
    giorno: r.giorno,
    protocolloAnpr: r.protocollo_anpr,
    idOperazioneAnpr: r.id_operazione_anpr,
    sha256: r.pdf_sha256,
    byte: r.pdf_byte,
    tentativi: r.tentativi,
    stampe: r.stampe,
    errori: JSON.parse(r.errori_json) as ErroreAnprCert[],
    messaggio: r.messaggio,
  };
}
