import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { executionStreamId, type CommandMetadata, type EventMetadata, type ExecutionCommand, type ExecutionEvent, type RecordedEvent } from '@cp/contracts';
import { executionDecider, isExecutionFinished, type ExecutionState } from '@cp/domain';
import { WrongExpectedRevisionError, type EventStore } from '@cp/event-store';
import { EVENT_STORE } from '@cp/runtime';
import { KeyedSerializer } from './keyed-serializer';

export type Loaded = { state: ExecutionState; revision: number | null };
export type Handled = Loaded & { events: ExecutionEvent[]; position: string | null };

const MAX_ATTEMPTS = 8;

const eventMetadata = (metadata: CommandMetadata): EventMetadata => ({
  organizationId: metadata.organizationId, actor: metadata.actor, correlationId: metadata.correlationId, causationId: null, schemaVersion: 1, occurredAt: metadata.now,
});

/**
 * Load -> fold -> decide -> append with the expected revision, one command per execution at a time in this process.
 * Folded states are cached and caught up incrementally (only events after the cached revision are read); a
 * concurrent writer (another replica, the jobs service) shows up as a conflict and the command is decided again.
 */
@Injectable()
export class ExecutionStore {
  private readonly cache = new Map<string, Loaded>();
  private readonly serializer = new KeyedSerializer();

  constructor(@Inject(EVENT_STORE) private readonly eventStore: EventStore) {}

  load(executionId: string): Promise<Loaded> {
    return this.serializer.run(executionId, () => this.catchUp(executionId));
  }

  /**
   * The state this process holds, or, for an execution it has not seen, the state after its first event when the
   * caller has that event at hand (the dispatch consumer gets ExecutionRequested from JetStream): no read needed.
   * Only a starting point: a command decided on it is still checked by the append's expected revision.
   */
  heldOr(first: RecordedEvent): Loaded | null {
    const id = (first.data as { execution_id?: unknown }).execution_id;
    if (typeof id !== 'string') return null;
    const held = this.cache.get(id);
    if (held) return held;
    if (first.revision !== 0 || first.type !== 'ExecutionRequested') return null;
    const loaded = { state: executionDecider.evolve(executionDecider.initialState(), first as unknown as ExecutionEvent), revision: 0 };
    this.remember(id, loaded);
    return loaded;
  }

  handle(command: ExecutionCommand): Promise<Handled> {
    return this.serializer.run(command.data.execution_id, () => this.decideAndAppend(command));
  }

  /**
   * A cached state is decided on without reading the store first: the append's expected revision proves it current
   * (another writer makes it fail, and the command is decided again on fresh state). A cached decision that changes
   * nothing or refuses is confirmed on fresh state before it is believed.
   */
  private async decideAndAppend(command: ExecutionCommand): Promise<Handled> {
    const id = command.data.execution_id;
    let trustCache = true;
    for (let attempt = 1; ; attempt++) {
      const cached = trustCache ? this.cache.get(id) : undefined;
      const { state, revision } = cached ?? (await this.catchUp(id));
      let events: ExecutionEvent[];
      try {
        events = executionDecider.decide(command, state);
      } catch (error) {
        if (!cached) throw error;
        trustCache = false;
        continue;
      }
      if (events.length === 0) {
        if (!cached) return { state, revision, events, position: null };
        trustCache = false;
        continue;
      }
      const metadata = eventMetadata(command.metadata);
      try {
        const toAppend = events.map((e) => ({ id: randomUUID(), type: e.type, data: e.data, metadata }));
        const result = await this.eventStore.append(executionStreamId(id), toAppend, revision === null ? 'no_stream' : revision);
        const next = { state: events.reduce(executionDecider.evolve, state), revision: result.nextRevision };
        this.remember(id, next);
        return { ...next, events, position: result.position };
      } catch (error) {
        this.cache.delete(id);
        trustCache = false;
        if (!(error instanceof WrongExpectedRevisionError) || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }

  private async catchUp(executionId: string): Promise<Loaded> {
    const cached = this.cache.get(executionId) ?? { state: executionDecider.initialState(), revision: null };
    const fromRevision = cached.revision === null ? 0 : cached.revision + 1;
    const fresh = await this.eventStore.readStream(executionStreamId(executionId), { fromRevision });
    if (fresh.length === 0) return cached;
    const state = fresh.reduce((s, e) => executionDecider.evolve(s, e as unknown as ExecutionEvent), cached.state);
    const loaded = { state, revision: fresh[fresh.length - 1].revision };
    this.remember(executionId, loaded);
    return loaded;
  }

  /** Finished executions leave the cache (a late report reloads them from the store). */
  private remember(executionId: string, loaded: Loaded): void {
    if (isExecutionFinished(loaded.state)) this.cache.delete(executionId);
    else this.cache.set(executionId, loaded);
  }
}
