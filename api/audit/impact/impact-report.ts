import { ANNUAL_HOURS_PER_FTE, type ImpactIndicators } from '../../../domain/impact/impact-indicators.js';
import { formatFecAmount } from '../../../shared/money.js';
import { spreadsheetCsv } from '../../spreadsheet-csv.js';
import { RESOURCE_KIND_LABELS } from '../history/describe-structure-events.js';

/** The names the report prints beside ids. */
export interface ImpactNames {
  member(memberId: string): string;
  resource(resourceId: string): { name: string; kind: string; capacity: number; siteId: string | null } | undefined;
  site(siteId: string): string;
  pool(poolId: string): string;
}

const POLE_LABEL = 'le pôle';
const euros = (amountCents: number) => amountCents / 100;

/**
 * The indicators with French snake_case keys, named after the France Tiers-Lieux census
 * vocabulary where it has a word for the measure (the README maps each key). Amounts are euros
 * with cents (`1234.56`), hours to the hundredth, rates between 0 and 1.
 */
export function impactReport(indicators: ImpactIndicators, names: ImpactNames) {
  const siteName = (siteId: string | null) => (siteId === null ? 'sans site précis' : names.site(siteId));
  return {
    periode: { du: indicators.range.from, au: indicators.range.to, jours: indicators.days },
    nombre_structures: indicators.memberCount,
    nombre_structures_utilisatrices: indicators.usingMemberCount,
    nombre_structures_utilisant_ressources_autres: indicators.usingOthersMemberCount,
    surface_partagee_m2: indicators.sharedAreaM2,
    nombre_espaces_partages: indicators.spaceCount,
    heures_usage: indicators.totalHours,
    heures_usage_par_type: indicators.hoursByKind.map(({ kind, hours }) => ({ type_ressource: RESOURCE_KIND_LABELS[kind], heures: hours })),
    heures_usage_par_lieu: indicators.hoursBySite.map(({ siteId, hours }) => ({ lieu_id: siteId, lieu: siteName(siteId), heures: hours })),
    taux_occupation: indicators.occupancy.map((occupancy) => {
      const resource = names.resource(occupancy.resourceId);
      return {
        ressource_id: occupancy.resourceId,
        ressource: resource?.name ?? occupancy.resourceId,
        type_ressource: resource ? RESOURCE_KIND_LABELS[resource.kind as keyof typeof RESOURCE_KIND_LABELS] ?? resource.kind : null,
        lieu: siteName(resource?.siteId ?? null),
        capacite: resource?.capacity ?? 1,
        heures_usage: occupancy.usedUnitHours,
        heures_ouverture: occupancy.openHours,
        taux_occupation: occupancy.occupancyRate,
      };
    }),
    heures_personnel_partage: indicators.staffHours,
    etp_mutualises: indicators.staffFte,
    flux_entre_structures: indicators.flows.map((flow) => ({
      structure_utilisatrice_id: flow.userMemberId,
      structure_utilisatrice: names.member(flow.userMemberId),
      structure_proprietaire_id: flow.ownerMemberId,
      structure_proprietaire: flow.ownerMemberId === null ? POLE_LABEL : names.member(flow.ownerMemberId),
      heures: flow.hours,
      montant_eur: euros(flow.directChargesCents),
      nombre_usages: flow.useCount,
    })),
    couts_mutualises_eur: euros(indicators.mutualisedCostsCents),
    couts_mutualises_par_pot: indicators.costsByPool.map(({ poolId, amountCents }) => ({ pot_id: poolId, pot: names.pool(poolId), montant_eur: euros(amountCents) })),
    conventions: {
      heures_usage: 'réservations confirmées ou annulées hors délai et saisies d’usage, durée × quantité, pour la part comprise dans la période',
      montant_eur: 'charges directes des usages commençant dans la période, au tarif horaire de la ressource',
      taux_occupation: 'heures d’usage / (heures d’ouverture × capacité) ; une ressource sans horaires est ouverte 24 h sur 24',
      etp_mutualises: `heures de personnel partagé / (${ANNUAL_HOURS_PER_FTE} h × jours de la période / 365)`,
    },
  };
}

export type ImpactReport = ReturnType<typeof impactReport>;

const IMPACT_CSV_COLUMNS = [
  { header: 'indicateur', kind: 'text' }, { header: 'dimension', kind: 'text' }, { header: 'valeur', kind: 'number' }, { header: 'unite', kind: 'text' },
] as const;

/**
 * The same report as a spreadsheet a French reader opens by double-click: one line per figure,
 * `indicateur;dimension;valeur;unite`, semicolons, decimal commas, a byte-order mark for UTF-8.
 */
export function impactCsv(report: ImpactReport): string {
  const rows: string[][] = [];
  const add = (indicator: string, dimension: string, value: number | null, unit: string) =>
    rows.push([indicator, dimension, value === null ? '' : decimalComma(value, unit), unit]);
  add('jours', `du ${report.periode.du} au ${report.periode.au} (exclu)`, report.periode.jours, 'jours');
  add('nombre_structures', '', report.nombre_structures, 'structures');
  add('nombre_structures_utilisatrices', '', report.nombre_structures_utilisatrices, 'structures');
  add('nombre_structures_utilisant_ressources_autres', '', report.nombre_structures_utilisant_ressources_autres, 'structures');
  add('surface_partagee_m2', '', report.surface_partagee_m2, 'm²');
  add('nombre_espaces_partages', '', report.nombre_espaces_partages, 'espaces');
  add('heures_usage', '', report.heures_usage, 'h');
  for (const line of report.heures_usage_par_type) add('heures_usage_par_type', line.type_ressource, line.heures, 'h');
  for (const line of report.heures_usage_par_lieu) add('heures_usage_par_lieu', line.lieu, line.heures, 'h');
  for (const line of report.taux_occupation) add('taux_occupation', line.ressource, line.taux_occupation, 'ratio');
  add('heures_personnel_partage', '', report.heures_personnel_partage, 'h');
  add('etp_mutualises', '', report.etp_mutualises, 'ETP');
  for (const flow of report.flux_entre_structures) {
    const dimension = `${flow.structure_utilisatrice} → ${flow.structure_proprietaire}`;
    add('flux_heures', dimension, flow.heures, 'h');
    add('flux_montant_eur', dimension, flow.montant_eur, '€');
  }
  add('couts_mutualises_eur', '', report.couts_mutualises_eur, '€');
  for (const pool of report.couts_mutualises_par_pot) add('couts_mutualises_par_pot', pool.pot, pool.montant_eur, '€');
  return spreadsheetCsv({ columns: IMPACT_CSV_COLUMNS, rows });
}

/** `1234.5` → `1234,5`; euros always with their two decimals, `12.3` → `12,30`. */
function decimalComma(value: number, unit: string): string {
  return unit === '€' ? formatFecAmount(Math.round(value * 100)) : String(value).replace('.', ',');
}
