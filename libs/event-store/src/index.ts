export * from './event-store.port';
export { compareDecimalPositions } from './positions';
export { PostgresEventStore, type PostgresEventStoreOptions } from './postgres/postgres-event-store';
export { ensureEventStoreSchema } from './postgres/postgres-schema';
export { verifyStreamChain, type StreamChainReport } from './postgres/verify-stream-chain';
export { canonicalJson, eventChainHash, eventDataHash } from './postgres/event-hash';
export { EventStoreDbEventStore } from './eventstoredb/eventstoredb-event-store';
export { createEventStore, type EventStoreSelection } from './create-event-store';
export { describeEventStoreContract, type EventStoreContractFactory } from './testing/event-store-contract';
