import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const folder = fileURLToPath(new URL('.', import.meta.url));
const modules = readdirSync(folder).filter((name) => name.endsWith('.ts') && !name.endsWith('.spec.ts'));

/** What the browser lacks (Node's modules and globals) or the server lacks (the DOM's). */
const FORBIDDEN = /\b(Buffer|process|require|__dirname|window|document|navigator|localStorage|sessionStorage|fetch)\b/;

/** Packages written for both the browser and Node, with no import of either's own modules. */
const BROWSER_SAFE_PACKAGES = ['intl-messageformat'];

describe('the shared module', () => {
  it('has modules to check', () => expect(modules.length).toBeGreaterThan(3));

  it.each(modules)('%s imports only other shared modules and browser-safe packages, so both the server and the browser can load it', (name) => {
    const source = readFileSync(`${folder}/${name}`, 'utf8');
    const imported = [...source.matchAll(/\bfrom\s+'([^']+)'|\bimport\s*\(\s*'([^']+)'/g)].map((match) => match[1] ?? match[2]);
    for (const specifier of imported) {
      if (specifier !== undefined && BROWSER_SAFE_PACKAGES.includes(specifier)) continue;
      expect(specifier, `${name} imports ${specifier}`).toMatch(/^\.\/[a-z-]+\.js$/);
    }
  });

  it.each(modules)('%s uses no global of Node or of the DOM', (name) => {
    const code = readFileSync(`${folder}/${name}`, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    expect(code).not.toMatch(FORBIDDEN);
  });
});
