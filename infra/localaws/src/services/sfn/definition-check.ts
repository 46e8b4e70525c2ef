/** Definition validation with asl-validator, answered as CreateStateMachine/UpdateStateMachine do. */
import { createRequire } from 'node:module';
import { InvalidDefinition } from './errors';

interface AslValidationResult {
  isValid: boolean;
  errorsText: (separator?: string) => string;
}
// asl-validator ships no type declarations and is CommonJS; this is the part of its API used here.
const validateAsl = createRequire(import.meta.url)('asl-validator') as (definition: unknown) => AslValidationResult;

export function checkDefinition(definition: string): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(definition);
  } catch (error) {
    throw new InvalidDefinition(`Invalid State Machine Definition: 'INVALID_JSON_DESCRIPTION: ${(error as Error).message}'`);
  }
  const result = validate(parsed);
  if (!result.isValid)
    throw new InvalidDefinition(`Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: ${result.errorsText('; ')}'`);
}

/**
 * asl-validator finds states with JSONPath queries such as `$..Branches`, so a state *named* `Branches` or `States`
 * (valid in AWS) makes it throw. Then the same definition is validated with every state renamed, and the names
 * in its messages are put back.
 */
function validate(definition: unknown): { isValid: boolean; errorsText: (separator: string) => string } {
  try {
    return validateAsl(definition);
  } catch {
    const names = new Map<string, string>();
    const result = validateAsl(renameStates(definition, names));
    const originals = new Map([...names].map(([original, alias]) => [alias, original]));
    return {
      isValid: result.isValid,
      errorsText: (separator) => result.errorsText(separator).replace(ALIAS, (alias) => originals.get(alias) ?? alias),
    };
  }
}

const ALIAS = /\blocalaws_state_\d+\b/g;

/** A copy with each state name (keys of every `States`, and the fields that name a state) replaced by an alias. */
function renameStates(node: unknown, names: Map<string, string>): unknown {
  const alias = (name: unknown) => {
    if (typeof name !== 'string') return name;
    if (!names.has(name)) names.set(name, `localaws_state_${names.size + 1}`);
    return names.get(name);
  };
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (value === null || typeof value !== 'object') return value;
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) {
      if (key === 'States' && child !== null && typeof child === 'object' && !Array.isArray(child)) {
        out[key] = Object.fromEntries(Object.entries(child).map(([name, state]) => [alias(name), walk(state)]));
      } else if (key === 'StartAt' || key === 'Next' || key === 'Default') {
        out[key] = alias(child);
      } else {
        out[key] = walk(child);
      }
    }
    return out;
  };
  return walk(node);
}
