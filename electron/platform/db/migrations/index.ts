/**
 * Migrations in order. Add a new file `NNNN-short-name.ts` and append it here;
 * never edit one that has shipped.
 */
import type Database from 'better-sqlite3';
import m0001 from './0001-impostazioni';
import m0002 from './0002-pratiche';
import m0003 from './0003-coda-invii';
import m0004 from './0004-archivio-audit';
import m0005 from './0005-operatori-letture';
import m0006 from './0006-anomalie';
import m0007 from './0007-certificazione';
import m0008 from './0008-anomalie-senza-indice-fonte';
import m0009 from './0009-anomalie-per-ambiente';
import m0010 from './0010-password-da-cambiare';
import m0011 from './0011-metadati-pratica';
import m0012 from './0012-seguito-e-note-modulo';
import m0013 from './0013-richieste-cittadino';
import m0014 from './0014-pratica-richiesta';

export interface Migration {
  version: number;
  name: string;
  up(db: Database.Database): void;
}

export const migrations: readonly Migration[] = [m0001, m0002, m0003, m0004, m0005, m0006, m0007, m0008, m0009, m0010, m0011, m0012, m0013, m0014];
