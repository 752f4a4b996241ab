import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity({ name: 'profiles' })
@Index('profiles_merged_into_idx', ['mergedInto'], { where: 'merged_into IS NOT NULL' })
export class ProfileEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  /** Set once the profile was folded into another; its identifiers then point at the survivor. */
  @Column({ name: 'merged_into', type: 'uuid', nullable: true })
  mergedInto!: string | null;

  /** Set when the profile was erased on request (GDPR); its identifiers are gone. */
  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt!: Date | null;
}
