import { Column, Entity, PrimaryColumn, Unique } from 'typeorm';

/** Audit of every merge; the id is the stable mergeId announced on tp.identity.merged.v1. */
@Entity({ name: 'merge_log' })
@Unique('merge_log_caused_by_merged_key', ['causedByMessageId', 'mergedId'])
export class MergeLogEntity {
  @PrimaryColumn({ type: 'varchar', length: 600 })
  id!: string;

  @Column({ name: 'survivor_id', type: 'uuid' })
  survivorId!: string;

  @Column({ name: 'merged_id', type: 'uuid' })
  mergedId!: string;

  /** The identifier type that proved the profiles are one customer. */
  @Column({ type: 'varchar', length: 32 })
  reason!: string;

  @Column({ name: 'identifier_type', type: 'varchar', length: 32 })
  identifierType!: string;

  @Column({ name: 'identifier_value', type: 'varchar', length: 256 })
  identifierValue!: string;

  @Column({ name: 'caused_by_message_id', type: 'varchar', length: 256 })
  causedByMessageId!: string;

  @Column({ name: 'merged_at', type: 'timestamptz' })
  mergedAt!: Date;
}
