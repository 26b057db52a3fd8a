import { nanos, NatsError, RetentionPolicy, StorageType, type JetStreamManager, type StreamConfig } from 'nats';
import type { Subjects } from '@cp/contracts';

/** Re-published events within this window are dropped by the server (Nats-Msg-Id = event id). */
export const EVENTS_DUPLICATE_WINDOW_MS = 2 * 60 * 1000;

export function streamConfigs(subjects: Subjects): Array<Partial<StreamConfig> & { name: string }> {
  return [
    {
      name: subjects.eventsStream,
      subjects: [subjects.eventsWildcard],
      retention: RetentionPolicy.Limits,
      storage: StorageType.File,
      duplicate_window: nanos(EVENTS_DUPLICATE_WINDOW_MS),
    },
    {
      name: subjects.workStream,
      subjects: [subjects.workWildcard],
      retention: RetentionPolicy.Workqueue,
      storage: StorageType.File,
    },
  ];
}

/** Creates the EVENTS and WORK streams, or updates them to the current configuration. Idempotent. */
export async function ensureStreams(jsm: JetStreamManager, subjects: Subjects): Promise<void> {
  for (const config of streamConfigs(subjects)) {
    const exists = await streamExists(jsm, config.name);
    if (exists) {
      const { name, retention: _retention, storage: _storage, ...updatable } = config;
      await jsm.streams.update(name, updatable);
    } else {
      await addStream(jsm, config);
    }
  }
}

/** Deletes the namespace's streams (tests); missing streams are fine. */
export async function deleteStreams(jsm: JetStreamManager, subjects: Subjects): Promise<void> {
  for (const { name } of streamConfigs(subjects)) {
    try {
      await jsm.streams.delete(name);
    } catch (err) {
      if (!isStreamNotFound(err)) throw err;
    }
  }
}

async function addStream(jsm: JetStreamManager, config: Partial<StreamConfig> & { name: string }): Promise<void> {
  try {
    await jsm.streams.add(config);
  } catch (err) {
    // Another replica created it between our check and our add: fine if it now exists.
    if (!(await streamExists(jsm, config.name))) throw err;
  }
}

async function streamExists(jsm: JetStreamManager, name: string): Promise<boolean> {
  try {
    await jsm.streams.info(name);
    return true;
  } catch (err) {
    if (isStreamNotFound(err)) return false;
    throw err;
  }
}

export const isStreamNotFound = (err: unknown): boolean => err instanceof NatsError && err.api_error?.err_code === 10059;
