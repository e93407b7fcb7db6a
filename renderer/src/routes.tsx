/**
 * The app's screens, in menu order. A new screen is one entry here.
 * `match` receives the path (e.g. `/soggetti/123`) and says whether the
 * screen handles it; `menu` puts it in the navigation bar.
 */
import type { ReactNode } from 'react';
import type { RiepilogoHome, Ruolo, Sessione } from '../../shared/ipc/contract';
import { Home } from './screens/Home';
import { Anomalie } from './screens/anomalie/Anomalie';
import { Ricerca } from './screens/ricerca/Ricerca';
import { SchedaSoggettoScreen, SchedaFamigliaScreen } from './screens/ricerca/Schede';
import { SchedaPerIdAnpr } from './screens/ricerca/SchedaPerIdAnpr';
import { Impostazioni } from './screens/impostazioni/Impostazioni';
import { MessaInEsercizio } from './screens/impostazioni/MessaInEsercizio';
import { CambiaPassword } from './screens/accesso/CambiaPassword';
import { Pratiche } from './screens/pratiche/Pratiche';
import { PaginaModulo } from './screens/pratiche/Modulo';
import { Archivio as ArchivioCertificati } from './screens/certificazione/Archivio';
import { Emissione as EmissioneCertificati } from './screens/certificazione/Emissione';
import { Registro as RegistroCertificati } from './screens/certificazione/Registro';
import { Richieste } from './screens/richieste/Richieste';
import { SchedaRichiesta } from './screens/richieste/Scheda';

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
