export type { Upcaster, VersionedEvent } from './upcaster';
export { EVENT_VERSIONING, UPCASTERS, currentSchemaVersion, storedSchemaVersion, upcastEvent } from './upcasting';
