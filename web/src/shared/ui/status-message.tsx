import { useEffect, useRef, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.js';

export interface StatusMessageProps {
  children: ReactNode;
  tone?: 'neutral' | 'success';
  /**
   * Moves the keyboard focus to the message when it appears (and when its text changes): the
   * outcome of an action whose button is now far away, or disabled, such as a booking. The focus
   * lands on the message itself (tabIndex -1), so a screen reader reads it, and Tab goes on from there.
   */
  takeFocus?: boolean;
}

/** A polite announcement: a success, or progress the user may wait for. */
export function StatusMessage({ children, tone = 'neutral', takeFocus = false }: StatusMessageProps) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (takeFocus) ref.current?.focus();
  }, [takeFocus, children]);
  return (
    <div
      ref={ref}
      className={tone === 'success' ? 'alert alert-success' : 'status'}
      role="status"
      {...(takeFocus ? { tabIndex: -1 } : {})}
    >
      {children}
    </div>
  );
}

export function Loading() {
  const { t } = useI18n();
  return <StatusMessage>{t('app.loading')}</StatusMessage>;
}
