import { Injectable } from '@nestjs/common';
import { Catalog } from './catalog';
import { ProductCatalog } from './product-catalog';

/** The catalog the rules read: the latest snapshot this instance loaded, swapped whole. */
@Injectable()
export class LiveCatalog extends Catalog {
  private current = new ProductCatalog([]);
  private loadedVersion = -1;

  get snapshot(): ProductCatalog {
    return this.current;
  }

  get version(): number {
    return this.loadedVersion;
  }

  replace(snapshot: ProductCatalog, version: number): void {
    this.current = snapshot;
    this.loadedVersion = version;
  }

  accessoriesOf(productId: string): readonly string[] {
    return this.current.accessoriesOf(productId);
  }

  complementsOf(productId: string): readonly string[] {
    return this.current.complementsOf(productId);
  }

  isAvailable(productId: string): boolean {
    return this.current.isAvailable(productId);
  }

  isConsumable(productId: string): boolean {
    return this.current.isConsumable(productId);
  }

  nameOf(productId: string): string | null {
    return this.current.nameOf(productId);
  }
}
