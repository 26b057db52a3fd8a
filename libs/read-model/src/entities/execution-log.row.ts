import { Column, Entity, PrimaryColumn } from 'typeorm';

export type LogStream = 'stdout' | 'stderr' | 'system';

@Entity({ name: 'execution_logs' })
export class ExecutionLogRow {
  @PrimaryColumn({ type: 'text' }) execution_id!: string;
  @PrimaryColumn({ type: 'int' }) seq!: number;
  @Column({ type: 'text' }) stream!: LogStream;
  @Column({ type: 'text' }) line!: string;
  @Column({ type: 'timestamptz' }) at!: Date;
}
