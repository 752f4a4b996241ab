import type { JourneyView, Part } from '../../src/explorer-api/explorer-api';
import { missing } from './format';

export function ProductsSection({ journey }: { journey: Part<JourneyView> }) {
  return (
    <section aria-labelledby="products-heading">
      <h3 id="products-heading">Products</h3>
      {!journey.ok ? (
        <p class="notice">{missing(journey, 'The journey')}</p>
      ) : journey.value.products.length === 0 ? (
        <p>No products yet.</p>
      ) : (
        <div class="scroll" tabIndex={0} role="region" aria-label="Products table">
          <table>
            <thead>
              <tr>
                <th scope="col">Product</th>
                <th scope="col">Viewed</th>
                <th scope="col">In cart</th>
                <th scope="col">Owned</th>
                <th scope="col">Returned</th>
                <th scope="col">Last purchase</th>
              </tr>
            </thead>
            <tbody>
              {journey.value.products.map((product) => (
                <tr key={product.productId}>
                  <th scope="row">{product.productId}</th>
                  <td>{product.viewed ? 'yes' : 'no'}</td>
                  <td>
                    {product.unitsInCart}
                    {product.cartAbandoned ? ' (abandoned)' : ''}
                  </td>
                  <td>{product.unitsOwned}</td>
                  <td>{product.unitsReturned}</td>
                  <td>{product.lastPurchaseChannel === 'store' ? `store ${product.lastPurchaseStoreId ?? ''}` : (product.lastPurchaseChannel ?? '–')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
