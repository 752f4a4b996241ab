/** Import a POS export: the good transactions are published, the bad rows reported by line. */
export class ImportStoreTransactionsCsvCommand {
  constructor(readonly csv: string) {}
}
