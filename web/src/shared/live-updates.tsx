import { createContext, useCallback, useContext, useEffect, useId, useState, type ReactNode } from 'react';
import { type AnyVariables, useSubscription, type UseSubscriptionArgs } from 'urql';
import { isUnauthenticated } from './graphql-error.js';
import { useI18n } from './i18n/i18n.js';

/** Tells the app whether a live update of this screen has given up (`true`), or works again. */
type Report = (subscriber: string, interrupted: boolean) => void;

const LiveUpdatesReport = createContext<Report>(() => undefined);
const LiveUpdatesInterrupted = createContext(false);

/** Holds, for the signed-in app, which live updates have given up: `LiveUpdatesNotice` shows it. */
export function LiveUpdatesProvider({ children }: { children: ReactNode }) {
  const [interrupted, setInterrupted] = useState<ReadonlySet<string>>(new Set());
  const report = useCallback<Report>((subscriber, isInterrupted) => {
    setInterrupted((current) => {
      if (current.has(subscriber) === isInterrupted) return current;
      const next = new Set(current);
      if (isInterrupted) next.add(subscriber);
      else next.delete(subscriber);
      return next;
    });
  }, []);
  return (
    <LiveUpdatesReport.Provider value={report}>
      <LiveUpdatesInterrupted.Provider value={interrupted.size > 0}>{children}</LiveUpdatesInterrupted.Provider>
    </LiveUpdatesReport.Provider>
  );
}

/**
 * A subscription that keeps a screen live, as urql's `useSubscription`. The client sends it again
 * while the server cannot be reached (`graphql-client.ts`); once it has given up (about a minute),
 * or failed otherwise, the app says that the screen may be out of date (`LiveUpdatesNotice`). An
 * ended session is not reported: the app signs out.
 */
export function useLiveUpdates<Data, Variables extends AnyVariables>(args: UseSubscriptionArgs<Variables, Data>): void {
  const [{ error }] = useSubscription(args);
  const report = useContext(LiveUpdatesReport);
  const subscriber = useId();
  const interrupted = error !== undefined && !isUnauthenticated(error);
  useEffect(() => {
    report(subscriber, interrupted);
    return () => report(subscriber, false);
  }, [report, subscriber, interrupted]);
}

/**
 * Says, above the screen, that its live updates have stopped: what it shows may no longer be
 * current. Reloading the page opens them again and reads everything afresh.
 */
export function LiveUpdatesNotice() {
  const { t } = useI18n();
  const interrupted = useContext(LiveUpdatesInterrupted);
  if (!interrupted) return null;
  return (
    <div className="notice notice-warning live-updates-notice" role="status" data-testid="live-updates-interrupted">
      <span>{t('app.liveUpdates.interrupted')}</span>
      <button type="button" className="button" onClick={() => window.location.reload()}>{t('app.liveUpdates.reload')}</button>
    </div>
  );
}
