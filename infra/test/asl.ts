/** asl-validator ships no type declarations; this is the part of its API the tests use. */
import { createRequire } from 'node:module';

export interface AslValidationResult {
  isValid: boolean;
  errorsText: (separator?: string) => string;
}
type AslValidator = (definition: unknown) => AslValidationResult;

const require = createRequire(import.meta.url);
export const validateAsl = require('asl-validator') as AslValidator;
