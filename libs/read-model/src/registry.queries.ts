import { IsNull } from 'typeorm';
import type { DataSource, Repository } from 'typeorm';
import type { AgentDefinition, RegistryDefinitions, RegistryKind } from '@cp/contracts';
import { RegistryEntryRow } from './entities';

export type RegistryEntry<K extends RegistryKind> = RegistryEntryRow & { kind: K; definition: RegistryDefinitions[K] };
export type Page = { limit?: number; offset?: number };

/** Read side of the registry (gateway, executor's on-the-fly planning). Removed entries are never returned. */
export class RegistryQueries {
  private readonly entries: Repository<RegistryEntryRow>;

  constructor(dataSource: DataSource) {
    this.entries = dataSource.getRepository(RegistryEntryRow);
  }

  /** The entry if it exists in this organization and is not removed (another organization's entry is null: a 404). */
  async findEntry<K extends RegistryKind>(organizationId: string, kind: K, id: string): Promise<RegistryEntry<K> | null> {
    const row = await this.entries.findOneBy({ kind, id, organization_id: organizationId, removed_at: IsNull() });
    return row as RegistryEntry<K> | null;
  }

  /** Newest first (created_at desc, then id for a stable order). */
  async listEntries<K extends RegistryKind>(organizationId: string, kind: K, page: Page = {}): Promise<RegistryEntry<K>[]> {
    const rows = await this.entries.find({
      where: { kind, organization_id: organizationId, removed_at: IsNull() },
      order: { created_at: 'DESC', id: 'DESC' },
      take: page.limit,
      skip: page.offset,
    });
    return rows as RegistryEntry<K>[];
  }

  /** Every live agent of the organization with its definition (capabilities, runtime, default queue). */
  async listAgents(organizationId: string): Promise<{ id: string; definition: AgentDefinition }[]> {
    const rows = await this.listEntries(organizationId, 'agent');
    return rows.map((row) => ({ id: row.id, definition: row.definition }));
  }
}
