/**
 * The provincial console: mounts the app into #root. With a token already kept for this tab, the
 * board's first request was sent by the page's first script (early.ts) before this bundle loaded:
 * its answer is parsed here, as any answer, while React and Fluent render the page around it.
 */
import '../web/zodConfig';
import { createRoot } from 'react-dom/client';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { createApi } from './api/client';
import { BOARD_FIRST_PAGE_QUERY } from '../../shared/api/boardPage';
import { App, type PrefetchedUnits } from './ui/App';
// Types only: early.ts is its own script, never part of this bundle.
import type { EarlyUnits } from './early';

performance.mark('dien-hinh:script');
const early: EarlyUnits | undefined = window.dienHinhEarlyUnits;
const prefetched: PrefetchedUnits | undefined = early && {
  token: early.token,
  year: early.year,
  // The client reads the early answer as it reads any (status, error body, schema).
  answer: createApi({ token: early.token, fetch: () => early.response }).units(early.year, BOARD_FIRST_PAGE_QUERY),
};

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <FluentProvider theme={webLightTheme} style={{ height: '100%' }}>
      <App storage={window.sessionStorage} prefetched={prefetched} />
    </FluentProvider>,
  );
}
