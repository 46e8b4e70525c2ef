/**
 * `localaws/testing`: what a test suite needs to drive a localaws: one on a free port with SDK clients, waiting
 * for stacks and executions, and reading their events and history.
 */
export * from './stacks';
export * from './sfn';
