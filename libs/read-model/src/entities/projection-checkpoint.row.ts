import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Where a projection runner has got to in the global event order; written in the same transaction as its rows. */
@Entity({ name: 'projection_checkpoints' })
export class ProjectionCheckpointRow {
  @PrimaryColumn({ type: 'text' }) name!: string;
  @Column({ type: 'text' }) position!: string;
  @Column({ type: 'timestamptz' }) updated_at!: Date;
}
