import { DownloadLink } from '../../shared/ui/download-link.js';
import { formatParisDateTime } from '../../shared/format.js';
import { useI18n } from '../../shared/i18n/i18n.js';
import { ErrorAlert, GraphqlErrorAlert } from '../../shared/ui/error-alert.js';
import { Loading, StatusMessage } from '../../shared/ui/status-message.js';
import { useVerifyIntegrityQuery } from './verify-integrity-query.js';

/** The live integrity check, and the audit bundle to check offline. */
export function IntegrityScreen() {
  const { t, locale } = useI18n();
  const [{ data, error, fetching }, reexecute] = useVerifyIntegrityQuery();
  const report = data?.verifyIntegrity;
  return (
    <>
      <header className="page-header">
        <h1>{t('partners.integrity.title')}</h1>
        <p className="muted">{t('partners.integrity.intro')}</p>
      </header>
      {error ? <GraphqlErrorAlert error={error} /> : null}
      {fetching ? <StatusMessage>{t('partners.integrity.checking')}</StatusMessage> : null}
      {!report && fetching ? <Loading /> : null}
      {report && report.ok ? (
        <div className="alert alert-success" role="status" data-testid="integrity-result">
          <p><strong>{t('partners.integrity.ok')}</strong></p>
          <p>{t('partners.integrity.okDetail', { events: report.eventsChecked, streams: report.streamsChecked, closes: report.periodClosesChecked })}</p>
        </div>
      ) : null}
      {report && !report.ok ? (
        <ErrorAlert>
          <p data-testid="integrity-result"><strong>{t('partners.integrity.problems', { count: report.problems.length })}</strong></p>
          <ul>
            {report.problems.map((problem, index) => (
              <li key={index}>
                {problem.message}
                <span className="small"> ({problem.kind}{problem.streamId ? ` · ${problem.streamId}` : ''}{problem.revision !== null ? ` #${problem.revision}` : ''}{problem.position !== null ? ` · ${t('partners.raw.position')} ${problem.position}` : ''})</span>
              </li>
            ))}
          </ul>
        </ErrorAlert>
      ) : null}
      {report ? (
        <dl className="facts facts-wide">
          <dt>{t('partners.integrity.checkedAt')}</dt><dd>{formatParisDateTime(report.checkedAt, locale)}</dd>
          <dt>{t('partners.integrity.logDigest')}</dt><dd><code className="digest">{report.logDigest}</code></dd>
        </dl>
      ) : null}
      <button type="button" className="button" onClick={() => reexecute({ requestPolicy: 'network-only' })} disabled={fetching}>
        {t('partners.integrity.again')}
      </button>
      <section className="settings-section" aria-labelledby="bundle-heading">
        <h2 id="bundle-heading">{t('partners.bundle.title')}</h2>
        <p>{t('partners.bundle.intro')}</p>
        <p><DownloadLink className="button button-primary" path="/exports/audit-bundle.jsonl">{t('partners.bundle.download')}</DownloadLink></p>
        <p>{t('partners.bundle.verifierIntro')}</p>
        <p><a className="button" href="/exports/verificateur-mutua.html" download>{t('partners.bundle.verifierDownload')}</a></p>
        <p>{t('partners.bundle.verifyIntro')}</p>
        <pre className="raw-json">npm run verify -- --bundle mutua-audit-AAAA-MM-JJ.jsonl</pre>
        <p className="muted small">{t('partners.bundle.verifyHelp')}</p>
      </section>
    </>
  );
}
