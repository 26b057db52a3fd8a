import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '@cp/contracts';
import { ProjectionFailedError, type Projection } from '../projection';

/** Applies events to projections in the runner's order (projection list order for each event type). */
export class ProjectionReplay {
  private readonly byType = new Map<string, Projection[]>();

  constructor(projections: readonly Projection[]) {
    for (const projection of projections) {
      for (const type of projection.handles) this.byType.set(type, [...(this.byType.get(type) ?? []), projection]);
    }
  }

  /** Whether some projection handles events of this type. */
  handles(type: string): boolean {
    return this.byType.has(type);
  }

  async apply(event: RecordedEvent, manager: EntityManager): Promise<void> {
    for (const projection of this.byType.get(event.type) ?? []) {
      try {
        await projection.apply(event, manager);
      } catch (cause) {
        throw new ProjectionFailedError(projection.name, event, cause);
      }
    }
  }
}
