import { checkExpectedRevision } from '../expected-revision';
import type { AppendResult, EventToAppend, ExpectedRevision } from '../event-store.port';
import { eventChainHash, eventDataHash } from './event-hash';

export type AppendRequest = { streamId: string; events: EventToAppend[]; expected: ExpectedRevision };
export type AppendOutcome = { ok: AppendResult } | { error: unknown };

export type StreamHead = { revision: number; chainHash: string; lastPosition: string };
export type StoredEvent = { id: string; streamId: string; revision: number; position: string };

/** What the store holds for one group, read under the append lock. */
export type GroupState = {
  /** Heads of the group's streams that exist. */
  heads: Map<string, StreamHead>;
  /** Events already stored whose id occurs in the group, by lower-case id. */
  stored: Map<string, StoredEvent>;
  /** Highest global position in the store, 0 when it is empty. */
  storePosition: bigint;
};

export type EventRow = {
  position: string;
  streamId: string;
  revision: number;
  id: string;
  type: string;
  data: string;
  metadata: string;
  dataHash: string;
  chainHash: string;
};

export type AppendPlan = {
  /** One per request, in request order. */
  outcomes: AppendOutcome[];
  /** Every event to insert, in position order (consecutive from the store position on). */
  rows: EventRow[];
  /** The new last revision of each stream written to. */
  heads: Map<string, number>;
};

/**
 * Decides a group of appends in queue order, as if each ran alone right after the ones before it: each sees the heads,
 * positions and event ids of the earlier accepted appends. A rejected append (wrong expected revision, event id stored
 * elsewhere, an event that cannot be serialised) changes nothing for the ones after it.
 */
export function planAppends(requests: AppendRequest[], state: GroupState): AppendPlan {
  const heads = new Map(state.heads);
  const stored = new Map(state.stored);
  let storePosition = state.storePosition;
  const plan: AppendPlan = { outcomes: [], rows: [], heads: new Map() };

  const decide = ({ streamId, events, expected }: AppendRequest): AppendResult => {
    const head = heads.get(streamId) ?? null;
    const existing = events.flatMap((e) => stored.get(e.id.toLowerCase()) ?? []).sort((a, b) => a.revision - b.revision);
    const replayed = idempotentResult(streamId, events, existing);
    if (replayed) return replayed;
    checkExpectedRevision(streamId, expected, head?.revision ?? null);
    if (existing.length > 0) {
      const clash = existing[0];
      throw new Error(`Cannot append to ${streamId}: event id ${clash.id} is already stored in ${clash.streamId} at revision ${clash.revision}`);
    }
    if (events.length === 0) return { nextRevision: head?.revision ?? -1, position: head?.lastPosition ?? '0' };

    const rows = eventRows(streamId, events, head, storePosition);
    const last = rows[rows.length - 1];
    plan.rows.push(...rows);
    for (const row of rows) stored.set(row.id, { id: row.id, streamId, revision: row.revision, position: row.position });
    heads.set(streamId, { revision: last.revision, chainHash: last.chainHash, lastPosition: last.position });
    plan.heads.set(streamId, last.revision);
    storePosition = BigInt(last.position);
    return { nextRevision: last.revision, position: last.position };
  };

  for (const request of requests) {
    try {
      plan.outcomes.push({ ok: decide(request) });
    } catch (error) {
      plan.outcomes.push({ error });
    }
  }
  return plan;
}

/** Every id of the batch already in this stream: the batch was appended before, answer as the first time. */
function idempotentResult(streamId: string, events: EventToAppend[], existing: StoredEvent[]): AppendResult | null {
  if (events.length === 0 || existing.length !== events.length) return null;
  if (!existing.every((e) => e.streamId === streamId)) return null;
  const last = existing[existing.length - 1];
  return { nextRevision: last.revision, position: last.position };
}

/** Consecutive revisions and positions, each event's chain hash over the one before it in the stream. */
function eventRows(streamId: string, events: EventToAppend[], head: StreamHead | null, storePosition: bigint): EventRow[] {
  const firstRevision = (head?.revision ?? -1) + 1;
  let chainHash = head?.chainHash ?? '';
  return events.map((event, i) => {
    const dataHash = eventDataHash(event);
    chainHash = eventChainHash(chainHash, dataHash);
    return {
      position: (storePosition + BigInt(i + 1)).toString(),
      streamId,
      revision: firstRevision + i,
      id: event.id.toLowerCase(),
      type: event.type,
      data: JSON.stringify(event.data),
      metadata: JSON.stringify(event.metadata),
      dataHash,
      chainHash,
    };
  });
}
