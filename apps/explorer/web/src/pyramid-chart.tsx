import type { SpendPyramidView } from '../../src/explorer-api/explorer-api';

/** All customers per spend tier, top tier on top, this customer's tier marked. */
export function PyramidChart({ pyramid, tier }: { pyramid: SpendPyramidView; tier: string | null }) {
  const most = Math.max(1, ...pyramid.tiers.map((row) => row.profiles));
  return (
    <figure class="pyramid">
      <figcaption>Spend pyramid of all customers</figcaption>
      <ol>
        {[...pyramid.tiers].reverse().map((row) => (
          <li key={row.tier} class={row.tier === tier ? 'current' : ''}>
            <span class="pyramid-label">
              {row.tier}
              {row.tier === tier ? ' (this customer)' : ''}
            </span>
            {/* An SVG bar rather than a style attribute: the page's content security policy allows no inline styles. */}
            <svg class="pyramid-bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
              <rect x={50 - Math.max(1, (row.profiles / most) * 50)} width={Math.max(2, (row.profiles / most) * 100)} height="10" />
            </svg>
            <span class="pyramid-count">{row.profiles}</span>
          </li>
        ))}
      </ol>
    </figure>
  );
}
