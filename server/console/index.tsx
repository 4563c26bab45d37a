/** The provincial console: mounts the app into #root. */
import { createRoot } from 'react-dom/client';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';

function App() {
  return <main><h1>Điển hình ANTQ – Công an tỉnh</h1><p>Đang xây dựng trang quản lý.</p></main>;
}

const root = document.getElementById('root');
if (root) createRoot(root).render(<FluentProvider theme={webLightTheme}><App /></FluentProvider>);
