/**
 * The app's screens, in menu order. A new screen is one entry here.
 * `match` receives the path (e.g. `/soggetti/123`) and says whether the
 * screen handles it; `menu` puts it in the navigation bar.
 */
import type { ReactNode } from 'react';
import type { RiepilogoHome } from '../../shared/ipc/contract';
import { Home } from './screens/Home';

export interface ScreenContext {
  path: string;
  riepilogo: RiepilogoHome;
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
}

export const routes: Route[] = [
  {
    id: 'home',
    menu: 'Scrivania',
    path: '/',
    match: (path) => path === '/',
    render: ({ riepilogo, aggiorna }) => <Home riepilogo={riepilogo} onAggiorna={aggiorna} />,
  },
];
