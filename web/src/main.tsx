import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app.js';
import './app/styles.css';
import { I18nProvider } from './shared/i18n/i18n.js';

const container = document.getElementById('root');
if (!container) throw new Error('Invariant violated: index.html has no #root element');

createRoot(container).render(
  <StrictMode>
    <I18nProvider>
      <App />
    </I18nProvider>
  </StrictMode>,
);
