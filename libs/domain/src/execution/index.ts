export * from './execution-state';
export * from './execution-decider';
export * from './execution-policy';
export * from './prompt-template';
export * from './agent-selection';
export * from './work-queue';
export { reportAccepted } from './worker-reports';
export * from './webhook-context';
