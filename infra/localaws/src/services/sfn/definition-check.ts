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
  const result = validateAsl(parsed);
  if (!result.isValid)
    throw new InvalidDefinition(`Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: ${result.errorsText('; ')}'`);
}
