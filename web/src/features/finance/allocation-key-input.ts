import type { AllocationKey, AllocationKeyKind } from './finance-types.js';
import { formatHundredths } from './share-explanation.js';

export interface KeyDraft {
  kind: AllocationKeyKind;
  /** FIXED_SHARES: weight typed per member id (decimal comma accepted). */
  weights: Record<string, string>;
  /** COMPOSITE: percent typed per simple kind, to the hundredth (decimal comma accepted). */
  percents: Partial<Record<AllocationKeyKind, string>>;
}

export type KeyInput =
  | { kind: AllocationKeyKind; shares?: { memberId: string; weight: number }[]; parts?: { percent: number; kind: AllocationKeyKind; shares?: { memberId: string; weight: number }[] }[] };

export type KeyProblem = 'noShares' | 'badWeight' | 'percentsNot100' | 'badPercent';

function parseNumber(text: string): number | undefined {
  const value = Number(text.trim().replace(',', '.'));
  return text.trim() !== '' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** The server splits fixed shares exactly to the hundredth, up to a billion: `2,5` or `0,25`, not `0,333`. */
const SHARE_PATTERN = /^\d{1,10}(?:[.,]\d{1,2})?$/;
const MAX_SHARE = 1_000_000_000;

function shares(weights: Record<string, string>): { memberId: string; weight: number }[] | KeyProblem {
  const result: { memberId: string; weight: number }[] = [];
  for (const [memberId, text] of Object.entries(weights)) {
    if (text.trim() === '') continue;
    const weight = parseNumber(text);
    if (weight === undefined || !SHARE_PATTERN.test(text.trim()) || weight > MAX_SHARE) return 'badWeight';
    if (weight > 0) result.push({ memberId, weight });
  }
  return result.length === 0 ? 'noShares' : result;
}

/**
 * The server splits a composite key's percents exactly to the hundredth and wants them to add up to
 * exactly 100: `30` or `33,33`, not `33,333`. The form counts in hundredths of a percent, whole
 * numbers, so that 33,33 + 33,33 + 33,34 is 100 and 33,33 × 3 is not, whatever the doubles say.
 */
const PERCENT_PATTERN = /^\d{1,3}(?:[.,]\d{1,2})?$/;
const HUNDRED_PERCENT_IN_HUNDREDTHS = 10_000;

/** The `AllocationKeyInput` the form describes, or what is wrong with it. */
export function keyInputOf(draft: KeyDraft): KeyInput | KeyProblem {
  if (draft.kind === 'FIXED_SHARES') {
    const result = shares(draft.weights);
    return typeof result === 'string' ? result : { kind: 'FIXED_SHARES', shares: result };
  }
  if (draft.kind !== 'COMPOSITE') return { kind: draft.kind };
  const parts: NonNullable<KeyInput['parts']> = [];
  let totalHundredths = 0;
  for (const [kind, text] of Object.entries(draft.percents) as [AllocationKeyKind, string][]) {
    if (!text || text.trim() === '') continue;
    const percent = parseNumber(text);
    if (percent === undefined || !PERCENT_PATTERN.test(text.trim())) return 'badPercent';
    const hundredths = Math.round(percent * 100);
    if (hundredths < 1 || hundredths > HUNDRED_PERCENT_IN_HUNDREDTHS) return 'badPercent';
    totalHundredths += hundredths;
    if (kind === 'FIXED_SHARES') {
      const result = shares(draft.weights);
      if (typeof result === 'string') return result;
      parts.push({ percent, kind, shares: result });
    } else parts.push({ percent, kind });
  }
  return totalHundredths === HUNDRED_PERCENT_IN_HUNDREDTHS ? { kind: 'COMPOSITE', parts } : 'percentsNot100';
}

/**
 * The draft a key change starts from: the key the pool has, so that changing one share does not mean
 * typing all the others again. Weights and percents are written to the hundredth, as the server
 * reads them, in `locale`'s way (`1,5`). Every share is there, a structure's that has left too: the
 * form lists it (`keyEditorMembers`), since one left out would be dropped from the new key unseen.
 */
export function keyDraftOf(key: AllocationKey, locale: 'fr' | 'en'): KeyDraft {
  return {
    kind: key.kind,
    weights: Object.fromEntries(fixedSharesOf(key).map((share) => [share.member.id, formatHundredths(share.weight, locale)])),
    percents: Object.fromEntries((key.parts ?? []).map((part) => [part.kind, formatHundredths(part.percent, locale)])),
  };
}

function fixedSharesOf(key: AllocationKey): NonNullable<AllocationKey['shares']> {
  return (key.kind === 'COMPOSITE' ? key.parts?.find((part) => part.kind === 'FIXED_SHARES')?.shares : key.shares) ?? [];
}

/**
 * The structures a key editor offers a share to: those still members on `today`, and those the
 * pool's key gives a share although they have left (a fixed share weighs whatever the membership),
 * so that the treasurer sees that share and keeps or empties it.
 */
export function keyEditorMembers<Member extends { id: string; leftOn: string | null }>(
  members: readonly Member[],
  key: AllocationKey | null,
  today: string,
): Member[] {
  const holders = new Set(key === null ? [] : fixedSharesOf(key).map((share) => share.member.id));
  return members.filter((member) => member.leftOn === null || member.leftOn > today || holders.has(member.id));
}
