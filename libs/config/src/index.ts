export * from './config';
export * from './secret-box';
export * from './access-token';
export * from './logger';
export * from './env-settings';
export * from './abortable-sleep';
export * from './event-loop-turn-batch';
