export * from './catalogue';
export * from './csv';
