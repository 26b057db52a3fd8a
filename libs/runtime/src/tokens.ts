/** Nest injection tokens of the shared runtime. */
export const APP_CONFIG = Symbol('APP_CONFIG');
export const PG_POOL = Symbol('PG_POOL');
export const NATS_CONNECTION = Symbol('NATS_CONNECTION');
export const SUBJECTS = Symbol('SUBJECTS');
export const LOGGER = Symbol('LOGGER');
export const SECRET_BOX = Symbol('SECRET_BOX');
export { EVENT_STORE } from '@cp/event-store';
