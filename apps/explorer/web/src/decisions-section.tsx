import type { DecisionView, DecisionsView, Part, RecommendationsView } from '../../src/explorer-api/explorer-api';
import { missing, time } from './format';

interface Props {
  decisions: Part<DecisionsView>;
  seen: readonly DecisionView[];
  recommendations: Part<RecommendationsView>;
}

function DecisionTable({ rows, caption }: { rows: readonly DecisionView[]; caption: string }) {
  return (
    <div class="scroll" tabIndex={0} role="region" aria-label={caption}>
      <table class="decisions">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Decision</th>
            <th scope="col">Product</th>
            <th scope="col">Reason</th>
            <th scope="col">Caused by</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((decision) => (
            <tr key={decision.id} data-decision={decision.type}>
              <td>{time(decision.occurredAt)}</td>
              <td>{decision.type}</td>
              <td>{decision.productId ?? decision.items.join(', ')}</td>
              <td>{decision.reason ?? '–'}</td>
              <td>
                {decision.cause.kind} <code>{decision.cause.id}</code>
                {decision.transitionId ? (
                  <>
                    {' '}
                    via transition <code>{decision.transitionId.slice(0, 12)}</code>
                  </>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The decisions API when recommendation has it; until then what the explorer saw on the topic. */
export function DecisionsSection({ decisions, seen, recommendations }: Props) {
  return (
    <section aria-labelledby="decisions-heading">
      <h3 id="decisions-heading">Decisions</h3>
      {recommendations.ok ? (
        <p>
          Retargeting now: <strong>{recommendations.value.retargeting.join(', ') || 'nothing'}</strong>. Recommending:{' '}
          <strong>{recommendations.value.recommendations.map((item) => `${item.productId} (${item.reason})`).join(', ') || 'nothing'}</strong>.
        </p>
      ) : (
        <p class="notice">{missing(recommendations, 'The current recommendations')}</p>
      )}
      {decisions.ok ? (
        <DecisionTable rows={decisions.value.decisions} caption="Decisions told to marketing platforms" />
      ) : (
        <>
          <p class="notice">{missing(decisions, 'The decisions API of the recommendation service')} Shown instead: the decisions this explorer saw on the recommendations topic since it started.</p>
          {seen.length > 0 ? <DecisionTable rows={seen} caption="Decisions seen on the recommendations topic" /> : <p>None seen yet.</p>}
        </>
      )}
    </section>
  );
}
