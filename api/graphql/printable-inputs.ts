import { type ASTNode, type ASTVisitor, type ExecutionResult, GraphQLError, type ValidationContext } from 'graphql';
import { type Plugin } from 'graphql-yoga';
import { unprintableCharacterIn } from '../../shared/printable-text.js';
import { type GraphQLContext } from './context.js';

/**
 * Refuses, before anything runs, a request any of whose strings holds a character no recorded text
 * may hold (`shared/printable-text.ts`): in its variables, where the web app puts what people
 * type, and written in the document itself. One check for every field of every operation, present
 * and to come, rather than one per input: a text a command accepts must be one every later step
 * (settlement, exports, invoices, PostgreSQL's read models) can process.
 */
export function printableInputsOnly(): Plugin<GraphQLContext> {
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(printableLiterals);
    },
    onExecute: ({ args, setResultAndStopExecution }) => refuseUnprintableVariables(args.variableValues, setResultAndStopExecution),
    onSubscribe: ({ args, setResultAndStopExecution }) => refuseUnprintableVariables(args.variableValues, setResultAndStopExecution),
  };
}

function refuseUnprintableVariables(variables: unknown, stopWith: (result: ExecutionResult) => void): void {
  const refusal = unprintableVariable(variables);
  if (refusal) stopWith({ errors: [refusal] });
}

function printableLiterals(context: ValidationContext): ASTVisitor {
  return {
    StringValue(node) {
      const character = unprintableCharacterIn(node.value);
      if (character) context.reportError(refusal(character, undefined, node));
    },
  };
}

/** The refusal for the first string of `value` (variables, at any depth) holding an unprintable character. */
function unprintableVariable(value: unknown, field?: string): GraphQLError | undefined {
  if (typeof value === 'string') {
    const character = unprintableCharacterIn(value);
    return character ? refusal(character, field) : undefined;
  }
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = unprintableVariable(item, field);
      if (found) return found;
    }
    return undefined;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      const found = unprintableVariable(item, key);
      if (found) return found;
    }
  }
  return undefined;
}

function refusal(character: string, field: string | undefined, node?: ASTNode): GraphQLError {
  return new GraphQLError(`Saisie invalide : le texte contient un caractère invisible ou non imprimable (${character}) ; retirez-le.`, {
    nodes: node,
    // `field` names the input field, as the other refusals of a saisie do, for a form to point at.
    extensions: { code: 'VALIDATION_FAILED', rule: 'UNPRINTABLE_CHARACTER', character, ...(field ? { field } : {}) },
  });
}
