import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/** About what one reads at once (STYLE.md, after TigerBeetle's TIGER_STYLE). */
const MAX_FUNCTION_LINES = 70;
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Every folder of code that runs, the server's, the web app's and the tools': not the tests, whose `describe` blocks list cases. */
const SOURCE_FOLDERS = ['api', 'domain', 'eventstore', 'projections', 'shared', 'verifier', 'bench', 'web/src', 'test/support'].map((folder) => join(ROOT, folder));

function sourceFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    if (name === 'generated') return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.(spec|test)\.tsx?$/.test(name) ? [path] : [];
  });
}

/** `file:Name (lines)` for each function, method or arrow function over the limit. */
function longFunctions(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const first = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const last = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      const lines = last - first + 1;
      if (lines > MAX_FUNCTION_LINES) found.push(`${relative(ROOT, file)}:${functionName(node)} (${lines})`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function functionName(node: ts.SignatureDeclaration): string {
  if (ts.isConstructorDeclaration(node)) return `${node.parent.name?.getText() ?? 'anonymous'}.constructor`;
  if (node.name) return node.name.getText();
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent)) return parent.name.getText();
  return 'anonymous';
}

describe('the functions of the server, the web app and the tools', () => {
  const files = SOURCE_FOLDERS.flatMap(sourceFiles);

  it('finds source files to measure in every folder', () => {
    for (const folder of SOURCE_FOLDERS) expect(files.filter((file) => file.startsWith(`${folder}/`)).length, relative(ROOT, folder)).toBeGreaterThan(0);
  });

  it(`are at most ${MAX_FUNCTION_LINES} lines long, so each reads at once`, () => {
    expect(files.flatMap(longFunctions)).toEqual([]);
  });
});
