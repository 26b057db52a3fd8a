export * from './cron-schedule';
export * from './time-zone';
export * from './uuid-v5';
export * from './cron-slot-ids';
export * from './schedule-policy';
export * from './scheduled-job';
export * from './slot-planner';
export * from './record-skip';
