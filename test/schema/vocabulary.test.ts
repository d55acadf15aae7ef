import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { fr } from '../../web/src/shared/i18n/fr.js';

/**
 * docs/glossaire.md chooses one French word per thing of the treasury. Each rule here is a word
 * the glossary set aside, with the word to write instead; a text a user reads (the web app's French
 * catalogue, the PDF statement, the exports, the history, the mails, the refusals) that uses one
 * fails this test, so that the choice stays true as texts are added.
 */
const SET_ASIDE: ReadonlyArray<{ word: RegExp; instead: string }> = [
  // « Charge » alone is a cost; only « charge directe » (usage billed at a rate) and the chart of
  // accounts' « compte de charges (classe 6) » keep it.
  { word: /(?<!comptes? de )\bcharges?\b(?!\s+directes?\b)/iu, instead: 'coût, or charge directe' },
  { word: /\bpaiements?\b/iu, instead: 'versement' },
  { word: /\brèglements? (?:au pôle|du pôle|de la structure)\b|\brèglement de \S+ €/iu, instead: 'versement (a règlement is a period’s settlement)' },
  { word: /\bparts? (?:des|de|du) pots?\b/iu, instead: 'quote-part' },
  { word: /\b(?:votre|sa|leur) part\b|(?<!quote-)\bpart exacte\b/iu, instead: 'quote-part' },
  // The API's enum value `COMPOSITE` is a name, not a French word.
  { word: /\b[Cc]omposites?\b/u, instead: 'clé de répartition composée' },
  { word: /\bpots? (?:commun|de charges)\b/iu, instead: 'pot de coûts' },
  { word: /\bfrais\b|\bdépenses?\b/iu, instead: 'coût' },
  { word: /\bnotes? de débit\b/iu, instead: 'facture' },
  { word: /\bnotes? de crédit\b|\bfactures? rectificatives?\b/iu, instead: 'avoir' },
  { word: /\bauto-factur/iu, instead: 'autofacture' },
  { word: /\bparts? d’une clé composée\b/iu, instead: 'composante' },
  { word: /\b(?:profils?|coordonnées|fiches?) de facturation\b/iu, instead: 'identité de facturation' },
];

/** Server files whose string literals are French a user reads: mails, statement, exports, history. */
const FRENCH_SERVER_TEXTS = [
  'api/mail',
  'api/finance/statement-document.ts',
  'api/finance/statement-render.ts',
  'api/finance/settlement-csv.ts',
  'api/finance/finance-queries.ts',
  'api/audit/history',
  'domain/settlement/allocation-keys.ts',
  'domain/settlement/settle-period.ts',
];

/** Every file of the tree whose `new DomainError(code, message)` messages reach a user. */
const REFUSAL_FOLDERS = ['api', 'domain'];

function sourceFiles(path: string): string[] {
  if (path.endsWith('.ts')) return [path];
  return readdirSync(path, { withFileTypes: true }).flatMap((entry) => {
    const child = join(path, entry.name);
    if (entry.isDirectory()) return sourceFiles(child);
    return entry.name.endsWith('.ts') && !/\.(spec|test)\.ts$/.test(entry.name) ? [child] : [];
  });
}

function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
}

/** The text parts of string literals and templates (not their `${…}`), skipping import paths. */
function literalTexts(node: ts.Node): string[] {
  if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) return [];
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [node.text];
  if (ts.isTemplateExpression(node)) return [node.head.text, ...node.templateSpans.flatMap((span) => [...literalTexts(span.expression), span.literal.text])];
  return node.getChildren().flatMap(literalTexts);
}

/** The messages of `new DomainError(code, message, …)`. */
function refusalTexts(node: ts.Node): string[] {
  const own = ts.isNewExpression(node) && node.expression.getText() === 'DomainError' && node.arguments?.[1]
    ? literalTexts(node.arguments[1]) : [];
  return [...own, ...node.getChildren().flatMap(refusalTexts)];
}

type Text = { where: string; text: string };

function catalogueTexts(): Text[] {
  return Object.entries(fr).map(([key, text]) => ({ where: `web catalogue ${key}`, text }));
}

function serverTexts(): Text[] {
  return FRENCH_SERVER_TEXTS.flatMap(sourceFiles).flatMap((file) => literalTexts(parse(file)).map((text) => ({ where: file, text })));
}

function refusals(): Text[] {
  return REFUSAL_FOLDERS.flatMap(sourceFiles).flatMap((file) => refusalTexts(parse(file)).map((text) => ({ where: file, text })));
}

function misusedWords(texts: readonly Text[]): string[] {
  return texts.flatMap(({ where, text }) => SET_ASIDE.flatMap(({ word, instead }) => {
    const found = word.exec(text);
    return found ? [`${where}: « ${found[0]} » in « ${text} » — write ${instead}`] : [];
  }));
}

describe('the treasury’s words (docs/glossaire.md)', () => {
  it('the rules catch each set-aside word and let the chosen ones through', () => {
    const caught = (text: string) => misusedWords([{ where: 'example', text }]).length;
    for (const text of ['Pot de charges', 'Quotes-parts des charges mutualisées', 'Paiements', 'Parts des pots', 'Clé composite', 'votre part est de 3 €', 'Règlement au pôle', 'pot commun', 'Part exacte', 'Charge enregistrée', 'Note de crédit', 'facture rectificative', 'Auto-facture', 'Note de débit']) {
      expect(caught(text), text).toBeGreaterThan(0);
    }
    for (const text of ['Pot de coûts', 'Charges directes', 'Compte de charges (classe 6)', 'Versements reçus', 'Quote-part exacte', 'Aperçu du règlement', 'Clé de répartition composée', 'Parts égales (jours d’adhésion)', 'Chargement…', 'Avoir — corrige FA-2026-000001', 'Autofacture', 'mandat d’autofacturation']) {
      expect(caught(text), text).toBe(0);
    }
  });

  it('the web app’s French catalogue uses only the chosen words', () => {
    expect(misusedWords(catalogueTexts())).toEqual([]);
  });

  it('the statement, the exports, the history and the mails use only the chosen words', () => {
    const texts = serverTexts();
    expect(texts.some((text) => text.text.includes('Quotes-parts des coûts mutualisés')), 'the statement’s texts are read').toBe(true);
    expect(misusedWords(texts)).toEqual([]);
  });

  it('the refusals the server sends use only the chosen words', () => {
    const texts = refusals();
    expect(texts.some((text) => text.text.includes('Pot de coûts introuvable')), 'the refusals are read').toBe(true);
    expect(misusedWords(texts)).toEqual([]);
  });
});
