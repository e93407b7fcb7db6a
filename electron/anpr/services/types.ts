/**
 * Input types for the request builders: the types of the strict zod schemas
 * in shared/anpr/servizi/tipi.ts (one source with the definitions), under the
 * names the electron code uses.
 */
export type * from '../../../shared/anpr/servizi/tipi';
