import { spawn } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { type RecordedEvent } from '../../eventstore/event-store.js';
import { type EventRow, toRecordedEvent } from '../../eventstore/event-rows.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, type GraphQLResponse, loginAs, type RunningServer } from '../support/mutua-server.js';
import { REGISTER_MEMBER, REGISTER_RESOURCE, RESERVE } from '../integration/graphql-documents.js';

export const RESERVATION_FIELDS = 'id start end status quantity member { id } resource { id }';
export const ALL_RESERVATIONS = `query($resourceId: ID, $from: DateTime!, $to: DateTime!) {
  reservations(resourceId: $resourceId, from: $from, to: $to) { ${RESERVATION_FIELDS} }
}`;

export interface Pole {
  token: string;
  memberIds: string[];
  resources: Array<{ id: string; capacity: number }>;
}

/** Signs in as the coordinator and registers members and resources, one request at a time. */
export async function seedPole(server: RunningServer, memberCount: number, capacities: readonly number[]): Promise<Pole> {
  const token = await loginAs(server, ADMIN_EMAIL, ADMIN_PASSWORD);
  const memberIds: string[] = [];
  for (let index = 0; index < memberCount; index += 1) {
    const response = await server.graphql<{ registerMember: { id: string } }>(REGISTER_MEMBER, {
      input: { name: `Structure ${index + 1}`, legalForm: 'ASSOCIATION', joinedOn: '2025-01-01' },
    }, token);
    memberIds.push(dataOf(response).registerMember.id);
  }
  const resources: Pole['resources'] = [];
  for (const [index, capacity] of capacities.entries()) {
    const response = await server.graphql<{ registerResource: { id: string } }>(REGISTER_RESOURCE, {
      input: { name: `Ressource ${index + 1}`, kind: 'EQUIPMENT', capacity },
    }, token);
    resources.push({ id: dataOf(response).registerResource.id, capacity });
  }
  return { token, memberIds, resources };
}

export function dataOf<Data>(response: GraphQLResponse<Data>): Data {
  if (!response.data) throw new Error(`GraphQL errors: ${JSON.stringify(response.errors)}`);
  return response.data;
}

const QUARTER_HOUR_MS = 15 * 60_000;
/** Slots start this many days ahead, on a quarter hour, so that they are always in the future. */
const FIRST_SLOT_DAYS_AHEAD = 20;
const firstSlotMs = (() => {
  const start = new Date(Date.now() + FIRST_SLOT_DAYS_AHEAD * 86_400_000);
  start.setUTCHours(0, 0, 0, 0);
  return start.getTime();
})();

/** The `index`-th quarter hour from the first slot, lasting `quarters` quarter hours. */
export function quarterSlot(index: number, quarters = 1): { start: string; end: string } {
  const startMs = firstSlotMs + index * QUARTER_HOUR_MS;
  return { start: new Date(startMs).toISOString(), end: new Date(startMs + quarters * QUARTER_HOUR_MS).toISOString() };
}

/** A window covering every slot `quarterSlot` hands out below `slotCount`. */
export function slotWindow(slotCount: number): { from: string; to: string } {
  return { from: new Date(firstSlotMs).toISOString(), to: new Date(firstSlotMs + (slotCount + 8) * QUARTER_HOUR_MS).toISOString() };
}

export interface ReserveOutcome {
  /** The reservation id when the server acknowledged it. */
  id?: string;
  /** The error code when it answered with a refusal. */
  code?: string;
  message?: string;
  /** The request got no answer at all (connection reset by a killed server). */
  noAnswer?: boolean;
}

export async function reserve(
  server: RunningServer,
  token: string,
  input: { resourceId: string; memberId: string; start: string; end: string; quantity?: number },
): Promise<ReserveOutcome> {
  try {
    const response = await server.graphql<{ reserve: { id: string } | null }>(RESERVE, { input }, token);
    if (response.data?.reserve) return { id: response.data.reserve.id };
    const error = response.errors?.[0];
    return { code: error?.extensions?.code ?? 'NO_CODE', message: error?.message ?? '' };
  } catch {
    return { noAnswer: true };
  }
}

/** Reads the whole log straight from the SQLite file, as a process that does not serve it would. */
export function readLogFile(dataDirectory: string): RecordedEvent[] {
  const database = new Database(join(dataDirectory, 'mutua.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return database.prepare<[], EventRow>('SELECT * FROM events ORDER BY position').all().map(toRecordedEvent);
  } finally {
    database.close();
  }
}

/** Runs an npm script's entry point (`api/verify.ts`, `api/backup.ts`…) as its own process. */
export function runScript(script: string, args: readonly string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, output }));
  });
}

/** What /health answers; with a coordinator's token, the store's `reason` too. */
export async function healthOf(server: RunningServer, coordinatorToken?: string): Promise<{ httpStatus: number; body: { status: string; reason?: string } }> {
  const response = await fetch(`${server.url}/health`, { headers: coordinatorToken ? { authorization: `Bearer ${coordinatorToken}` } : {} });
  return { httpStatus: response.status, body: (await response.json()) as { status: string; reason?: string } };
}

/** Polls until `check` holds, for at most `timeoutMs`. */
export async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
}
