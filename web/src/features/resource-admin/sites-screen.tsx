import { useId, useState, type FormEvent } from 'react';
import type { CombinedError } from 'urql';
import { graphql } from '../../shared/generated/index.js';
import { useI18n } from '../../shared/i18n/i18n.js';
import { ErrorAlert, GraphqlErrorAlert } from '../../shared/ui/error-alert.js';
import { Loading, StatusMessage } from '../../shared/ui/status-message.js';
import { useRegisterSiteMutation } from './register-site-mutation.js';
import { useSitesQuery } from './sites-query.js';
import { TableScroll } from '../../shared/ui/table-scroll.js';

/** A place of the network as this page lists it and as registering one answers it. */
export const SiteSummaryFragment = graphql(`
  fragment SiteSummary on Site {
    id
    name
    address
  }
`);

export interface SitesScreenProps {
  /** The planning of a site, where its resources are shown side by side. */
  planningHref: (siteId: string) => string;
  resourcesHref: string;
}

/** The places of the network (the central tiers-lieu and its antennas), and the coordination's form to add one. */
export function SitesScreen({ planningHref, resourcesHref }: SitesScreenProps) {
  const { t } = useI18n();
  const [{ data, error, fetching }] = useSitesQuery();
  const sites = data?.sites ?? [];
  const titleId = useId();
  return (
    <>
      <p className="breadcrumb">
        <a href={resourcesHref}>
          <span aria-hidden="true">←</span>
          {t('week.back')}
        </a>
      </p>
      <header className="page-header">
        <h1>{t('sites.title')}</h1>
        <p className="muted">{t('sites.intro')}</p>
      </header>
      {error ? <GraphqlErrorAlert error={error} /> : null}
      {fetching && !data ? <Loading /> : null}
      {data && sites.length === 0 ? <p>{t('sites.empty')}</p> : null}
      {sites.length > 0 ? (
        <TableScroll label={t('sites.title')}>
          <table className="table table-stack" data-testid="sites-table">
            <caption className="visually-hidden">{t('sites.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('sites.name')}</th>
                <th scope="col">{t('sites.address')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('sites.planning')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {sites.map((site) => (
                <tr key={site.id}>
                  <th scope="row" data-label={t('sites.name')}>
                    {site.name}
                  </th>
                  <td data-label={t('sites.address')}>{site.address}</td>
                  <td className="actions">
                    <a href={planningHref(site.id)}>{t('sites.openPlanning', { site: site.name })}</a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : null}
      <section className="card narrow-card" aria-labelledby={titleId}>
        <h2 id={titleId}>{t('sites.add')}</h2>
        <SiteForm />
      </section>
    </>
  );
}

type Failure = { kind: 'missing' } | { kind: 'server'; error: CombinedError };

function SiteForm() {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [address, setAddress] = useState('');
  const [failure, setFailure] = useState<Failure | null>(null);
  const [success, setSuccess] = useState<string | null>(null);
  const [{ fetching }, registerSite] = useRegisterSiteMutation();
  const id = useId();

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSuccess(null);
    if (name.trim() === '' || address.trim() === '') {
      setFailure({ kind: 'missing' });
      return;
    }
    setFailure(null);
    const result = await registerSite({ input: { name: name.trim(), address: address.trim() } });
    if (result.error) {
      setFailure({ kind: 'server', error: result.error });
      return;
    }
    setSuccess(t('sites.added', { site: name.trim() }));
    setName('');
    setAddress('');
  }

  return (
    <form className="form" onSubmit={handleSubmit} noValidate data-testid="site-form">
      <div className="field">
        <label htmlFor={`${id}-name`}>{t('sites.name')}</label>
        <input id={`${id}-name`} type="text" maxLength={200} value={name} onChange={(event) => setName(event.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-address`}>{t('sites.address')}</label>
        <input id={`${id}-address`} type="text" maxLength={500} autoComplete="street-address" value={address} onChange={(event) => setAddress(event.target.value)} />
      </div>
      {failure?.kind === 'missing' ? <ErrorAlert>{t('sites.missing')}</ErrorAlert> : null}
      {failure?.kind === 'server' ? <GraphqlErrorAlert error={failure.error} /> : null}
      {success ? <StatusMessage tone="success">{success}</StatusMessage> : null}
      <button type="submit" className="button button-primary" disabled={fetching}>
        {fetching ? t('sites.adding') : t('sites.submit')}
      </button>
    </form>
  );
}
