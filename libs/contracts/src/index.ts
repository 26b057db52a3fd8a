export * from './messages';
export * from './job';
export * from './job-events';
export * from './job-commands';
export * from './streams';
export * from './errors';
export * from './subjects';
export * from './openapi/job-schemas';
