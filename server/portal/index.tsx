/** The unit portal (/don-vi/): mounts the app into #root. */
import '../web/zodConfig';
import { createRoot } from 'react-dom/client';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { App } from './ui/App';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <FluentProvider theme={webLightTheme}>
      <App storage={window.sessionStorage} />
    </FluentProvider>,
  );
}
