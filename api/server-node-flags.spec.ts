import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { missingServerNodeFlags, SERVER_NODE_FLAGS } from './server-node-flags.js';

const scripts = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> }).scripts;

describe("a server's Node flags", () => {
  it.each(['start', 'demo'])('are passed by npm run %s to the server it starts', (script) => {
    const serverCommand = scripts[script]!.split('&&').map((command) => command.trim().split(/\s+/)).find((words) => words[0] === 'tsx')!;
    expect(serverCommand.slice(1, -1)).toEqual([...SERVER_NODE_FLAGS]);
    expect(serverCommand.at(-1)).toBe(`api/${script === 'start' ? 'main' : 'demo'}.ts`);
  });

  it('are named when a process was started without them', () => {
    expect(SERVER_NODE_FLAGS).toContain('--no-memory-reducer');
    expect(missingServerNodeFlags(['--import', 'tsx'])).toEqual([...SERVER_NODE_FLAGS]);
    expect(missingServerNodeFlags([...SERVER_NODE_FLAGS, '--import', 'tsx'])).toEqual([]);
  });
});
