/** One generic shape for every event and command (emmett style): type aliases, no classes. */
export type Actor = { id: string; email: string | null };

export type EventMetadata = {
  organizationId: string;
  actor: Actor;
  correlationId: string;
  causationId: string | null;
  schemaVersion: number;
  occurredAt: string;
};

export type Event<Type extends string, Data extends Record<string, unknown>> = {
  type: Type;
  data: Data;
};

/** What a command carries besides its data: who, when, which ids. Deciders never read the clock. */
export type CommandMetadata = {
  organizationId: string;
  actor: Actor;
  now: string;
  correlationId: string;
};

export type Command<Type extends string, Data extends Record<string, unknown>> = {
  type: Type;
  data: Data;
  metadata: CommandMetadata;
};

/** An event as read back from the store. */
export type RecordedEvent<E extends Event<string, Record<string, unknown>> = Event<string, Record<string, unknown>>> = E & {
  id: string;
  streamId: string;
  revision: number;
  position: string;
  metadata: EventMetadata;
  recordedAt: string;
};
