import { IntakeLedger, type IntakeStatus } from '../deduplication/intake-ledger';

/** The ledger's rules without Redis; `failWith` makes every call reject, as an unreachable Redis would. */
export class InMemoryIntakeLedger extends IntakeLedger {
  readonly states = new Map<string, 'in-flight' | 'seen'>();
  failWith: Error | undefined;

  async claim(messageIds: readonly string[]): Promise<readonly IntakeStatus[]> {
    this.failIfTold();
    return messageIds.map((id) => {
      const state = this.states.get(id);
      if (state) return state;
      this.states.set(id, 'in-flight');
      return 'claimed';
    });
  }

  async confirm(messageIds: readonly string[]): Promise<void> {
    this.failIfTold();
    for (const id of messageIds) this.states.set(id, 'seen');
  }

  async release(messageIds: readonly string[]): Promise<void> {
    this.failIfTold();
    for (const id of messageIds) this.states.delete(id);
  }

  private failIfTold(): void {
    if (this.failWith) throw this.failWith;
  }
}
