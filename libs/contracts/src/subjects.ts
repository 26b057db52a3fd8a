/**
 * NATS subjects and JetStream stream names (DESIGN.md §5), all under one namespace prefix so that
 * deployments and test runs sharing a NATS server never see each other's messages.
 */
export type Subjects = ReturnType<typeof natsSubjects>;

export function natsSubjects(namespace: string) {
  const ns = namespace.replace(/[^A-Za-z0-9_-]/g, '_');
  const streamNs = ns.toUpperCase();
  return {
    namespace: ns,
    command: (service: string, command: string) => `${ns}.cmd.${service}.${command}`,
    commandWildcard: (service: string) => `${ns}.cmd.${service}.*`,
    event: (category: string, type: string) => `${ns}.evt.${category}.${type}`,
    eventsWildcard: `${ns}.evt.>`,
    eventsOfCategory: (category: string) => `${ns}.evt.${category}.*`,
    work: (queue: string) => `${ns}.work.${queue}`,
    workWildcard: `${ns}.work.>`,
    /** Core NATS (not persisted): live notifications such as log lines and projector progress. */
    live: (topic: string) => `${ns}.live.${topic}`,
    eventsStream: `${streamNs}_EVENTS`,
    workStream: `${streamNs}_WORK`,
  };
}

/** Reply to a command request: the new stream revision and global position, or a typed error. */
export type CommandReply<T = unknown> =
  | { ok: true; result: T; revision: number | null; position: string | null }
  | { ok: false; error: import('./errors').DomainError };
