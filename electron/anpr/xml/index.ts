export * from './safe';
