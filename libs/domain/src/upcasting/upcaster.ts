import type { EventMetadata } from '@cp/contracts';

/** An event as stored: its data has the shape of `metadata.schemaVersion`. */
export type VersionedEvent = { type: string; data: Record<string, unknown>; metadata: EventMetadata };

/**
 * Turns the data of one event type from `fromVersion` into `fromVersion + 1` (DESIGN.md §3: old events are never
 * rewritten; a changed shape gets a new schema version and an upcaster). Pure: everything it needs is in the event.
 */
export type Upcaster = {
  type: string;
  fromVersion: number;
  upcast(data: Record<string, unknown>, metadata: EventMetadata): Record<string, unknown>;
};
