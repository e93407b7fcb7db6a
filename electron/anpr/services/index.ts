export * from './registry';
export * from './types';
export * from '../../../shared/anpr/servizi/testata';
export * from './builders';
export * from './replace-testata';
export * from './parse-response';
export * from './outcome-from-response';
