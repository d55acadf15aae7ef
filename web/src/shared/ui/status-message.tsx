import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.js';

/** A polite announcement: a success, or progress the user may wait for. */
export function StatusMessage({ children, tone = 'neutral' }: { children: ReactNode; tone?: 'neutral' | 'success' }) {
  return (
    <div className={tone === 'success' ? 'alert alert-success' : 'status'} role="status">
      {children}
    </div>
  );
}

export function Loading() {
  const { t } = useI18n();
  return <StatusMessage>{t('app.loading')}</StatusMessage>;
}
