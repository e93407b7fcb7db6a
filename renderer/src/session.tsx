/**
 * The signed-in operator as the renderer sees it. This is for display and
 * for hiding what the role cannot do; the core checks every call anyway.
 */
import { createContext, useContext } from 'react';
import type { Ruolo, Sessione } from '../../shared/ipc/contract';

export interface ContestoSessione {
  sessione: Sessione;
  esci(): void;
}

export const SessioneContext = createContext<ContestoSessione | null>(null);

export function useSessione(): ContestoSessione {
  const value = useContext(SessioneContext);
  if (!value) throw new Error('useSessione outside the signed-in shell');
  return value;
}

/** Roles that may change data or send to ANPR (mirrors electron/core/permissions.ts). */
export const RUOLI_MODIFICA: readonly Ruolo[] = ['operatore', 'ufficiale_anagrafe', 'amministratore'];

export function puoModificare(ruolo: Ruolo): boolean {
  return RUOLI_MODIFICA.includes(ruolo);
}
