export * from './safe';
export * from '../../../shared/xml/writer';
