/**
 * The client side of the HTTP load benchmark, run as its own process so that the load generator
 * does not share an event loop (or a core's time slices) with the server it measures:
 *
 *   node --import tsx bench/http-load-client.ts '<JSON LoadPlan>'
 *
 * Prints one JSON `LoadFigures` line on stdout.
 */
import autocannon from 'autocannon';

export type LoadKind = 'reserve' | 'week-of-reservations' | 'resources';

/** A server the load goes to, and the session token it accepts (each server may keep its own accounts). */
export interface LoadTarget {
  url: string;
  token: string;
}

/** How long a load lasts: so many seconds, or until so many requests have been answered (autocannon's `amount`). */
export type LoadLength = { seconds: number } | { requests: number };

export interface LoadPlan {
  kind: LoadKind;
  /** Connections are spread over the targets in turn: several application servers share one load. */
  targets: LoadTarget[];
  length: LoadLength;
  connections: number;
  resourceIds: string[];
  memberIds: string[];
  /** Reservation requests are numbered from here, so that each scenario books slots no other did. */
  firstSlotIndex: number;
  /** Start of the first bookable quarter hour (ISO 8601). */
  firstSlotStart: string;
}

export interface LoadFigures {
  requests: number;
  /** From the start to the last answer: autocannon ends a load of so many requests only at its next one-second tick. */
  durationMs: number;
  latencyMsP50: number;
  latencyMsP99: number;
  /** Answers carrying data. */
  successes: number;
  /** RESERVATION_CONFLICT and CONCURRENCY_CONFLICT answers. */
  conflicts: number;
  /** Any other GraphQL error, non-2xx status, socket error or timeout. */
  failures: number;
  /** A few of those failures, to say what went wrong. */
  failureSamples: string[];
  /** CPU time the load generator itself used per request: on 2 cores, what the server could not have. */
  clientCpuMsPerRequest: number;
}

const QUARTER_HOUR_MS = 15 * 60_000;
const WEEK_MS = 7 * 86_400_000;
const MAX_FAILURE_SAMPLES = 3;

const RESERVE = 'mutation($input: ReserveInput!) { reserve(input: $input) { id status } }';
const WEEK = 'query($resourceId: ID, $from: DateTime!, $to: DateTime!) { reservations(resourceId: $resourceId, from: $from, to: $to) { id start end status member { id name } } }';
const RESOURCES = '{ resources { id name kind capacity } }';

/** The body of the `index`-th request: reservations spread over the resources, one quarter hour each, never twice the same. */
function bodyOf(plan: LoadPlan, index: number): string {
  const resourceId = plan.resourceIds[index % plan.resourceIds.length]!;
  const firstMs = Date.parse(plan.firstSlotStart);
  if (plan.kind === 'reserve') {
    const slot = plan.firstSlotIndex + Math.floor(index / plan.resourceIds.length);
    const startMs = firstMs + slot * QUARTER_HOUR_MS;
    const input = {
      resourceId,
      memberId: plan.memberIds[index % plan.memberIds.length]!,
      start: new Date(startMs).toISOString(),
      end: new Date(startMs + QUARTER_HOUR_MS).toISOString(),
    };
    return JSON.stringify({ query: RESERVE, variables: { input } });
  }
  if (plan.kind === 'week-of-reservations') {
    return JSON.stringify({ query: WEEK, variables: { resourceId, from: new Date(firstMs).toISOString(), to: new Date(firstMs + WEEK_MS).toISOString() } });
  }
  return JSON.stringify({ query: RESOURCES });
}

/**
 * An answer with data and no error, told without parsing it: the load generator shares the
 * machine's two cores with the server, and parsing every 30 KB answer would take a good part of
 * one. An answer with an `errors` member holds the text `"errors":`; any answer holding that text
 * anywhere is parsed and classified.
 */
function isPlainData(body: string): boolean {
  return body.startsWith('{"data":{') && !body.includes('"errors":');
}

async function run(plan: LoadPlan): Promise<LoadFigures> {
  let sent = 0;
  const tally = { successes: 0, conflicts: 0, failures: 0, failureSamples: [] as string[] };
  const fail = (sample: string) => {
    tally.failures += 1;
    if (tally.failureSamples.length < MAX_FAILURE_SAMPLES) tally.failureSamples.push(sample.slice(0, 300));
  };
  const cpuBefore = process.cpuUsage();
  const startedAt = performance.now();
  let lastAnswerAt = startedAt;
  const tokenByPort = new Map(plan.targets.map((target) => [new URL(target.url).port, target.token]));
  const result = await autocannon({
    // autocannon takes several URLs (its README: connections are spread over them), its types one.
    url: plan.targets.map((target) => `${target.url}/graphql`) as unknown as string,
    connections: plan.connections,
    ...('seconds' in plan.length ? { duration: plan.length.seconds } : { amount: plan.length.requests }),
    requests: [{
      method: 'POST',
      // Each connection is to one server: it sends that server's token.
      setupRequest: (request: autocannon.Request & { port?: number | string }) => ({
        ...request,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tokenByPort.get(String(request.port))}` },
        body: bodyOf(plan, sent++),
      }),
      onResponse: (status, body) => {
        lastAnswerAt = performance.now();
        if (status !== 200) return fail(`HTTP ${status}: ${body}`);
        if (isPlainData(body)) return void (tally.successes += 1);
        const answer = JSON.parse(body) as { data?: unknown; errors?: Array<{ extensions?: { code?: string } }> };
        const code = answer.errors?.[0]?.extensions?.code;
        if (code === 'RESERVATION_CONFLICT' || code === 'CONCURRENCY_CONFLICT') tally.conflicts += 1;
        else if (answer.errors) fail(body);
        else tally.successes += 1;
      },
    }],
  });
  const cpu = process.cpuUsage(cpuBefore);
  tally.failures += result.errors + result.timeouts;
  return {
    clientCpuMsPerRequest: (cpu.user + cpu.system) / 1_000 / Math.max(1, result.requests.total),
    requests: result.requests.total,
    durationMs: lastAnswerAt - startedAt,
    latencyMsP50: result.latency.p50,
    latencyMsP99: result.latency.p99,
    ...tally,
  };
}

const plan = JSON.parse(process.argv[2] ?? '') as LoadPlan;
process.stdout.write(`${JSON.stringify(await run(plan))}\n`);
