import { emptyProductFacts, type ProductFacts } from '@touchpoint/contracts';

export const at = (iso: string): number => Date.parse(iso);

/** Product facts with the given fields set, the rest unknown. */
export const facts = (known: Partial<ProductFacts>): ProductFacts => ({ ...emptyProductFacts, ...known });
