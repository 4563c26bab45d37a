/**
 * The provincial console: mounts the app into #root. With a token already kept for this tab, the
 * board's data is requested at once, while React and Fluent render the page around it.
 */
import '../web/zodConfig';
import { createRoot } from 'react-dom/client';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { createApi } from './api/client';
import { BOARD_FIRST_PAGE_QUERY } from '../../shared/api/schemas';
import { currentVietnamYear, loadToken } from './state/session';
import { App, type PrefetchedUnits } from './ui/App';

performance.mark('dien-hinh:script');
const token = loadToken(window.sessionStorage);
const year = currentVietnamYear(new Date());
const prefetched: PrefetchedUnits | undefined = token ? { token, year, answer: createApi({ token }).units(year, BOARD_FIRST_PAGE_QUERY) } : undefined;

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <FluentProvider theme={webLightTheme} style={{ height: '100%' }}>
      <App storage={window.sessionStorage} prefetched={prefetched} />
    </FluentProvider>,
  );
}
