/**
 * Statistics of paired rounds (`compare-http.ts`): each round measures two versions back to back,
 * and its ratio cancels what the machine did during that round; the rounds' ratios are then
 * summarised on a logarithmic scale, where 80 % and 125 % are as far from 100 %.
 */

/** Resamples drawn for the bootstrap interval: enough for its 2.5th and 97.5th percentiles to settle. */
const BOOTSTRAP_RESAMPLES = 20_000;

export function geometricMean(ratios: readonly number[]): number {
  if (ratios.length === 0 || ratios.some((ratio) => !(ratio > 0))) throw new RangeError('a geometric mean needs positive ratios');
  return Math.exp(ratios.reduce((sum, ratio) => sum + Math.log(ratio), 0) / ratios.length);
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('a median needs values');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * A 95 % interval for the geometric mean of `ratios`, by the percentile bootstrap: the rounds are
 * drawn again with replacement, `BOOTSTRAP_RESAMPLES` times. The draws come from a fixed-seed
 * generator, so that one set of rounds always gives the same interval.
 */
export function pairedInterval(ratios: readonly number[]): { low: number; high: number } {
  const draw = seededRandom(1);
  const means: number[] = [];
  for (let resample = 0; resample < BOOTSTRAP_RESAMPLES; resample += 1) {
    means.push(geometricMean(ratios.map(() => ratios[Math.floor(draw() * ratios.length)]!)));
  }
  means.sort((a, b) => a - b);
  return { low: means[Math.floor(BOOTSTRAP_RESAMPLES * 0.025)]!, high: means[Math.ceil(BOOTSTRAP_RESAMPLES * 0.975) - 1]! };
}

/** Park and Miller's minimal standard generator: uniform in (0, 1), the same sequence for a seed. */
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 16_807) % 2_147_483_647;
    return state / 2_147_483_647;
  };
}
