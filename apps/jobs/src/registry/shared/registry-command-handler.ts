import { randomUUID } from 'node:crypto';
import type { Command, Event } from '@cp/contracts';
import type { EventStore } from '@cp/event-store';
import { afterLostRace } from '../../shared/conflict-retry';
import { eventMetadata } from '../../shared/job-command-handler';

type Decider<C, E, S> = { decide(command: C, state: S): E[]; evolve(state: S, event: E): S; initialState(): S };
type AnyEvent = Event<string, Record<string, unknown>>;
type AnyCommand = Command<string, Record<string, unknown>>;

export type RegistryCommandOutcome = { events: AnyEvent[]; revision: number | null; position: string | null };

/**
 * Load -> fold -> decide -> append with the expected revision, for one registry stream (`agent-<id>` ...).
 * A concurrent writer makes the append fail; the command is then decided again on the fresh state.
 */
export async function handleRegistryCommand<C extends AnyCommand, E extends AnyEvent, S>(
  eventStore: EventStore,
  streamId: string,
  decider: Decider<C, E, S>,
  command: C,
): Promise<RegistryCommandOutcome> {
  for (let attempt = 1; ; attempt++) {
    const stored = await eventStore.readStream(streamId);
    const state = stored.reduce((s, e) => decider.evolve(s, e as unknown as E), decider.initialState());
    const revision = stored.length > 0 ? stored[stored.length - 1].revision : null;
    const events = decider.decide(command, state);
    if (events.length === 0) return { events, revision, position: null };
    const metadata = eventMetadata(command.metadata);
    try {
      const result = await eventStore.append(
        streamId,
        events.map((e) => ({ id: randomUUID(), type: e.type, data: e.data, metadata })),
        revision === null ? 'no_stream' : revision,
      );
      return { events, revision: result.nextRevision, position: result.position };
    } catch (error) {
      await afterLostRace(error, attempt, streamId);
    }
  }
}
