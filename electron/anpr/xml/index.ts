export * from './safe';
export * from './writer';
