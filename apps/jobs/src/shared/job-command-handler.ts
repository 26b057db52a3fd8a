import { randomUUID } from 'node:crypto';
import { jobStreamId, type CommandMetadata, type EventMetadata, type JobCommand, type JobEvent } from '@cp/contracts';
import { jobDecider, type JobState } from '@cp/domain';
import type { EventStore } from '@cp/event-store';
import { afterLostRace } from './conflict-retry';

export type JobCommandOutcome = { state: JobState; events: JobEvent[]; revision: number | null; position: string | null };

export function eventMetadata(metadata: CommandMetadata, causationId: string | null = null): EventMetadata {
  return {
    organizationId: metadata.organizationId,
    actor: metadata.actor,
    correlationId: metadata.correlationId,
    causationId,
    schemaVersion: 1,
    occurredAt: metadata.now,
  };
}

async function loadJob(eventStore: EventStore, streamId: string): Promise<{ state: JobState; revision: number | null }> {
  const events = await eventStore.readStream(streamId);
  const state = events.reduce((s, e) => jobDecider.evolve(s, e as unknown as JobEvent), jobDecider.initialState());
  return { state, revision: events.length > 0 ? events[events.length - 1].revision : null };
}

/**
 * Load -> fold -> decide -> append with the expected revision. A concurrent writer makes the append fail;
 * the command is then decided again on the fresh state, so no change is ever lost (issue 3 §3).
 */
export async function handleJobCommand(
  eventStore: EventStore,
  command: JobCommand,
  /** Completes the command from the loaded state before deciding (e.g. looks up the registry entry it will refer to). */
  prepare?: (command: JobCommand, state: JobState) => Promise<JobCommand>,
): Promise<JobCommandOutcome> {
  const streamId = jobStreamId(command.data.job_id);
  for (let attempt = 1; ; attempt++) {
    const { state, revision } = await loadJob(eventStore, streamId);
    const events = jobDecider.decide(prepare ? await prepare(command, state) : command, state);
    if (events.length === 0) return { state, events, revision, position: null };
    const metadata = eventMetadata(command.metadata);
    try {
      const result = await eventStore.append(
        streamId,
        events.map((e) => ({ id: randomUUID(), type: e.type, data: e.data, metadata })),
        revision === null ? 'no_stream' : revision,
      );
      const next = events.reduce(jobDecider.evolve, state);
      return { state: next, events, revision: result.nextRevision, position: result.position };
    } catch (error) {
      await afterLostRace(error, attempt, streamId);
    }
  }
}
