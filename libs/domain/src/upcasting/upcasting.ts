import type { Upcaster, VersionedEvent } from './upcaster';
import { webhookSecretRotatedV1ToV2 } from './webhook-secret-rotated.upcaster';

/** Every upcaster; an event type without one is at version 1. */
export const UPCASTERS: readonly Upcaster[] = [webhookSecretRotatedV1ToV2];

const byType = new Map<string, Map<number, Upcaster>>();
for (const upcaster of UPCASTERS) {
  const versions = byType.get(upcaster.type) ?? new Map<number, Upcaster>();
  if (versions.has(upcaster.fromVersion)) throw new Error(`Two upcasters for ${upcaster.type} v${upcaster.fromVersion}`);
  byType.set(upcaster.type, versions.set(upcaster.fromVersion, upcaster));
}

/** The version writers produce today: one past the newest upcaster of the type. The one source of schema versions. */
export function currentSchemaVersion(type: string): number {
  const versions = byType.get(type);
  return versions ? Math.max(...versions.keys()) + 1 : 1;
}

/**
 * The event in the current shape of its type: upcasters applied in order from its stored version. The result keeps
 * the stored version as `metadata.storedSchemaVersion` when anything changed; the event itself is not modified.
 */
export function upcastEvent<E extends VersionedEvent>(event: E): E {
  const target = currentSchemaVersion(event.type);
  const stored = event.metadata.schemaVersion ?? 1;
  if (stored >= target) return event;
  let data = event.data;
  for (let version = stored; version < target; version++) {
    const upcaster = byType.get(event.type)?.get(version);
    if (!upcaster) throw new Error(`No upcaster for ${event.type} from schema version ${version} to ${version + 1}`);
    data = upcaster.upcast(data, event.metadata);
  }
  const metadata = { ...event.metadata, schemaVersion: target, storedSchemaVersion: stored };
  return { ...event, data, metadata } as E;
}

/** The version an event was stored with when an upcaster changed it, else null. */
export function storedSchemaVersion(event: { metadata: object }): number | null {
  const stored = (event.metadata as { storedSchemaVersion?: unknown }).storedSchemaVersion;
  return typeof stored === 'number' ? stored : null;
}

/** What the event store needs to upcast reads and stamp appends (UpcastingEventStore in libs/event-store). */
export const EVENT_VERSIONING = { upcast: upcastEvent, currentVersion: currentSchemaVersion };
