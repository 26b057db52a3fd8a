export * from './job/job-state';
export * from './job/job-decider';
export * from './job/job-definition';
export * from './schedule/cron-schedule';
