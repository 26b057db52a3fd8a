import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { RegistryDefinitions, RegistryKind } from '@cp/contracts';

/**
 * One row per agent, team or workflow (issue 4 §1). `definition` is the entry as stored in its events (an OpenAI
 * key only encrypted); removed entries stay for audit but are hidden from the API.
 */
@Entity({ name: 'registry_entries' })
@Index('registry_entries_org_kind_created_idx', ['organization_id', 'kind', 'created_at'])
export class RegistryEntryRow {
  @PrimaryColumn({ type: 'text' }) kind!: RegistryKind;
  @PrimaryColumn({ type: 'text' }) id!: string;
  @Column({ type: 'text' }) organization_id!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text', nullable: true }) description!: string | null;
  @Column({ type: 'jsonb' }) definition!: RegistryDefinitions[RegistryKind];
  @Column({ type: 'text', nullable: true }) created_by!: string | null;
  @Column({ type: 'text', nullable: true }) updated_by!: string | null;
  @Column({ type: 'timestamptz' }) created_at!: Date;
  @Column({ type: 'timestamptz' }) updated_at!: Date;
  @Column({ type: 'timestamptz', nullable: true }) removed_at!: Date | null;
  /** Revision of the last registry-stream event applied to this row (idempotence). */
  @Column({ type: 'int' }) stream_revision!: number;
}
