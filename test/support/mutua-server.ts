import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SERVER_NODE_FLAGS } from '../../api/server-node-flags.js';
import { freePort } from './free-port.js';

export const ADMIN_EMAIL = 'coordination@pole.test';
export const ADMIN_PASSWORD = 'un-mot-de-passe-solide';

export interface GraphQLResponse<Data = Record<string, unknown>> {
  data?: Data | null;
  errors?: Array<{ message: string; extensions?: { code?: string } & Record<string, unknown> }>;
}

export interface RunningServer {
  url: string;
  dataDirectory: string;
  process: ChildProcess;
  graphql<Data = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GraphQLResponse<Data>>;
  /** Everything the process wrote so far, stdout and stderr: its log. */
  output(): string;
  stop(): Promise<void>;
}

export const temporaryDataDirectory = () => mkdtempSync(join(tmpdir(), 'mutua-test-'));

/**
 * Starts a real Mutua server process, as `npm start` does but without rebuilding the web app
 * (with its Node flags, then `nodeArguments`), and waits until /health answers 200.
 */
export async function startServer(
  options: {
    dataDirectory?: string;
    env?: Record<string, string>;
    nodeArguments?: string[];
    /** `healthy` (the default): /health answers 200. `listening`: /health answers at all (503 while catching up). */
    waitFor?: 'healthy' | 'listening';
    /** The checkout whose `api/main.ts` runs (with its own `node_modules`); the current directory by default. */
    projectDirectory?: string;
  } = {},
): Promise<RunningServer> {
  const dataDirectory = options.dataDirectory ?? temporaryDataDirectory();
  const port = await freePort();
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, ...(options.nodeArguments ?? ['--import', 'tsx']), 'api/main.ts'], {
    cwd: options.projectDirectory,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      MUTUA_DATA_DIR: dataDirectory,
      MUTUA_ADMIN_EMAIL: ADMIN_EMAIL,
      MUTUA_ADMIN_PASSWORD: ADMIN_PASSWORD,
      LOG_LEVEL: 'warn',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  await waitForHealth(url, child, () => output, options.waitFor ?? 'healthy');

  const graphql = graphqlClient(url);

  return {
    url,
    dataDirectory,
    process: child,
    graphql,
    output: () => output,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      if (!options.dataDirectory) rmSync(dataDirectory, { recursive: true, force: true });
    },
  };
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string, waitFor: 'healthy' | 'listening'): Promise<void> {
  // Generous: on a loaded 2-core machine a cold start (tsx compiling, scrypt, catch-up) takes seconds.
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Mutua exited with ${child.exitCode}:\n${output()}`);
    try {
      const { status } = await fetch(`${url}/health`);
      if (status === 200 || waitFor === 'listening') return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`Mutua did not become healthy within 90 s:\n${output()}`);
}

export async function loginAs(server: Pick<RunningServer, 'graphql'>, email: string, password: string): Promise<string> {
  const response = await server.graphql<{ login: { token: string } }>(
    'mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token } }',
    { email, password },
  );
  if (!response.data?.login) throw new Error(`Login failed: ${JSON.stringify(response.errors)}`);
  return response.data.login.token;
}

/** A GraphQL call that returns the data, as `token`'s user: what a test's setup and reads send. */
export type GraphqlData = <Data>(token: string, query: string, variables?: Record<string, unknown>) => Promise<Data>;

/**
 * GraphQL calls to the server `server()` returns (a getter, for the one a `beforeAll` starts) that
 * fail the test on any error, with the start of the document and the server's words: the test's
 * own refusals are read with `server.graphql`, which hands the errors back.
 */
export function graphqlData(server: () => Pick<RunningServer, 'graphql'>): GraphqlData {
  return async <Data>(token: string, query: string, variables: Record<string, unknown> = {}): Promise<Data> => {
    const response = await server().graphql<Data>(query, variables, token);
    if (response.errors) throw new Error(`${query.slice(0, 60)}: ${JSON.stringify(response.errors)}`);
    return response.data!;
  };
}

/** GraphQL calls to the server at `url`, signed in with `token` when given: what `RunningServer.graphql` is. */
export function graphqlClient(url: string): RunningServer['graphql'] {
  return async (query, variables, token) => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLResponse<never>;
  };
}

/**
 * A GraphQL call from a given loopback address (127.0.0.2, 127.0.0.3…): to the server, another
 * client address, as another machine's would be. `headers` are added, such as the
 * `X-Forwarded-For` a reverse proxy writes.
 */
export function graphqlFrom(
  server: RunningServer, localAddress: string, query: string, variables: Record<string, unknown>, headers: Record<string, string> = {},
): Promise<GraphQLResponse> {
  const { hostname, port } = new URL(server.url);
  const body = JSON.stringify({ query, variables });
  return new Promise((resolve, reject) => {
    const call = request({ host: hostname, port, path: '/graphql', method: 'POST', localAddress, headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve(JSON.parse(text) as GraphQLResponse));
    });
    call.on('error', reject);
    call.end(body);
  });
}

const HEALTH_PROBE_TIMEOUT_MS = 2_000;

/**
 * Asks /health on fresh connections until `count` distinct processes have answered ok. A process
 * still starting does not listen yet, one just killed may reset a connection, and a connection
 * the cluster hands over as a process dies may never be answered: each is retried. Only a
 * coordinator is told which process answered: `coordinatorToken` is one of theirs.
 */
export async function processesAnswering(server: RunningServer, count: number, coordinatorToken: string): Promise<Set<number>> {
  const seen = new Set<number>();
  const deadline = Date.now() + 60_000;
  while (seen.size < count && Date.now() < deadline) {
    const response = await fetch(`${server.url}/health`, {
      headers: { connection: 'close', authorization: `Bearer ${coordinatorToken}` }, signal: AbortSignal.timeout(HEALTH_PROBE_TIMEOUT_MS),
    })
      .catch(() => undefined);
    if (response?.status === 200) seen.add(((await response.json()) as { pid: number }).pid);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return seen;
}
