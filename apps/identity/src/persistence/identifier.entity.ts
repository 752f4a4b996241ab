import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One identifier of one profile; the primary key makes an identifier belong to one profile only. */
@Entity({ name: 'identifiers' })
@Index('identifiers_profile_id_idx', ['profileId'])
export class IdentifierEntity {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  type!: string;

  @PrimaryColumn({ type: 'varchar', length: 256 })
  value!: string;

  @Column({ name: 'profile_id', type: 'uuid' })
  profileId!: string;

  @Column({ name: 'first_seen_at', type: 'timestamptz' })
  firstSeenAt!: Date;

  @Column({ name: 'last_seen_at', type: 'timestamptz' })
  lastSeenAt!: Date;
}
