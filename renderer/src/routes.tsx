/**
 * The app's screens, in menu order. A new screen is one entry here.
 * `match` receives the path (e.g. `/soggetti/123`) and says whether the
 * screen handles it; `menu` puts it in the navigation bar.
 */
import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import type { RiepilogoHome, Ruolo, Sessione } from '../../shared/ipc/contract';
// The Scrivania is the first screen after sign-in and the password change is part of signing in (App.tsx
// shows it when the password is to change): both stay in the initial bundle, as the sign-in screens do.
import { Home } from './screens/Home';
import { CambiaPassword } from './screens/accesso/CambiaPassword';
// The Scrivania imports the requests' list module (its `UltimaLettura`), so that screen is in the initial bundle anyway.
import { Richieste } from './screens/richieste/Richieste';

/**
 * Every other screen is its own chunk, fetched the first time it is shown (App.tsx wraps the screen in a
 * Suspense with the Italian loading state). `caricamenti` lists the loaders so the idle prefetch can warm them.
 */
const caricamenti: (() => Promise<unknown>)[] = [];
// `any` as React's own `lazy` declares it: each screen keeps its props' type through `C`.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function pigro<C extends ComponentType<any>>(carica: () => Promise<C>): LazyExoticComponent<C> {
  caricamenti.push(carica);
  return lazy(async () => ({ default: await carica() }));
}

const Anomalie = pigro(() => import('./screens/anomalie/Anomalie').then((m) => m.Anomalie));
const Ricerca = pigro(() => import('./screens/ricerca/Ricerca').then((m) => m.Ricerca));
const SchedaSoggettoScreen = pigro(() => import('./screens/ricerca/Schede').then((m) => m.SchedaSoggettoScreen));
const SchedaFamigliaScreen = pigro(() => import('./screens/ricerca/Schede').then((m) => m.SchedaFamigliaScreen));
const SchedaPerIdAnpr = pigro(() => import('./screens/ricerca/SchedaPerIdAnpr').then((m) => m.SchedaPerIdAnpr));
const Impostazioni = pigro(() => import('./screens/impostazioni/Impostazioni').then((m) => m.Impostazioni));
const MessaInEsercizio = pigro(() => import('./screens/impostazioni/MessaInEsercizio').then((m) => m.MessaInEsercizio));
const Pratiche = pigro(() => import('./screens/pratiche/Pratiche').then((m) => m.Pratiche));
const PaginaModulo = pigro(() => import('./screens/pratiche/Modulo').then((m) => m.PaginaModulo));
const ArchivioCertificati = pigro(() => import('./screens/certificazione/Archivio').then((m) => m.Archivio));
const EmissioneCertificati = pigro(() => import('./screens/certificazione/Emissione').then((m) => m.Emissione));
const RegistroCertificati = pigro(() => import('./screens/certificazione/Registro').then((m) => m.Registro));
const SchedaRichiesta = pigro(() => import('./screens/richieste/Scheda').then((m) => m.SchedaRichiesta));

/**
 * Fetches every screen's chunk in the background (called once the Scrivania is on screen), so the first
 * visit to a screen does not wait for it; a failure only means the screen loads when opened.
 */
export function precaricaSchermate(): void {
  for (const carica of caricamenti) carica().catch(() => undefined);
}

export interface ScreenContext {
  path: string;
  riepilogo: RiepilogoHome;
  /** The signed-in operator (display only: the core checks every call). */
  sessione: Sessione;
  aggiorna(): void;
}

export interface Route {
  id: string;
  /** Menu label (Italian); omitted for screens reached only by link. */
  menu?: string;
  /** Base path used by the menu link. */
  path: string;
  match(path: string): boolean;
  render(context: ScreenContext): ReactNode;
  /** Only these roles see the screen (the core refuses the calls anyway). */
  ruoli?: readonly Ruolo[];
  /** Screens of the same section keep its menu entry highlighted. */
  sezione?: string;
}

export const routes: Route[] = [
  {
    id: 'home',
    menu: 'Scrivania',
    path: '/',
    match: (path) => path === '/',
    render: ({ riepilogo, aggiorna }) => <Home riepilogo={riepilogo} onAggiorna={aggiorna} />,
  },
  {
    id: 'ricerca',
    menu: 'Ricerca',
    path: '/ricerca',
    sezione: 'ricerca',
    match: (path) => path === '/ricerca',
    render: () => <Ricerca />,
  },
  {
    id: 'scheda-soggetto',
    path: '/soggetti',
    sezione: 'ricerca',
    match: (path) => /^\/soggetti\/\d{1,16}$/.test(path),
    render: ({ path }) => <SchedaSoggettoScreen key={path} id={path.split('/')[2]!} />,
  },
  {
    id: 'scheda-per-id-anpr',
    path: '/soggetti',
    sezione: 'ricerca',
    match: (path) => /^\/soggetti\/anpr\/[A-Z]{2}\d{5}[A-Z]{2}$/.test(path),
    render: ({ path }) => <SchedaPerIdAnpr key={path} idAnpr={path.split('/')[3]!} />,
  },
  {
    id: 'scheda-famiglia',
    path: '/soggetti',
    sezione: 'ricerca',
    match: (path) => /^\/soggetti\/\d{1,16}\/famiglia$/.test(path),
    render: ({ path }) => <SchedaFamigliaScreen key={path} id={path.split('/')[2]!} />,
  },
  {
    id: 'pratiche',
    menu: 'Pratiche',
    path: '/pratiche',
    sezione: 'pratiche',
    match: (path) => path === '/pratiche',
    render: () => <Pratiche />,
  },
  {
    id: 'pratica',
    path: '/pratiche',
    sezione: 'pratiche',
    match: (path) => /^\/pratiche\/(nuova|[0-9a-f-]{36})$/.test(path),
    render: ({ path }) => <PaginaModulo key={path} path={path} />,
  },
  {
    id: 'richieste',
    menu: 'Richieste online',
    path: '/richieste',
    sezione: 'richieste',
    match: (path) => path === '/richieste',
    render: () => <Richieste />,
  },
  {
    id: 'richiesta',
    path: '/richieste',
    sezione: 'richieste',
    match: (path) => /^\/richieste\/\d{1,30}$/.test(path),
    render: ({ path }) => <SchedaRichiesta key={path} codice={path.split('/')[2]!} />,
  },
  {
    id: 'certificati',
    menu: 'Certificati',
    path: '/certificati',
    sezione: 'certificati',
    match: (path) => path === '/certificati' || /^\/certificati\/soggetto\/\d{1,16}$/.test(path),
    render: ({ path, riepilogo }) => <EmissioneCertificati key={path} connessioneIniziale={riepilogo.connessione} idIniziale={path.split('/')[3]} />,
  },
  { id: 'certificati-archivio', path: '/certificati/archivio', sezione: 'certificati', match: (path) => path === '/certificati/archivio', render: () => <ArchivioCertificati /> },
  { id: 'certificati-registro', path: '/certificati/registro', sezione: 'certificati', match: (path) => path === '/certificati/registro', render: () => <RegistroCertificati /> },
  { id: 'password', path: '/password', match: (path) => path === '/password', render: () => <CambiaPassword /> },
  { id: 'anomalie', menu: 'Anomalie', path: '/anomalie', sezione: 'anomalie', match: (path) => path === '/anomalie', render: ({ riepilogo }) => <Anomalie formazione={riepilogo.ambiente.tipo === 'SIMULATORE'} /> },
  {
    id: 'impostazioni',
    menu: 'Impostazioni',
    path: '/impostazioni',
    sezione: 'impostazioni',
    ruoli: ['amministratore'],
    match: (path) => path === '/impostazioni',
    render: ({ riepilogo, aggiorna }) => <Impostazioni riepilogo={riepilogo} onCambiato={aggiorna} />,
  },
  {
    id: 'messa-in-esercizio',
    path: '/messa-in-esercizio',
    sezione: 'impostazioni',
    ruoli: ['amministratore'],
    match: (path) => path === '/messa-in-esercizio',
    render: () => <MessaInEsercizio />,
  },
];
