import type { DecisionView, DecisionsView, Part, RecommendationsView } from '../../src/explorer-api/explorer-api';
import { missing, time } from './format';

interface Props {
  decisions: Part<DecisionsView>;
  seen: readonly DecisionView[];
  recommendations: Part<RecommendationsView>;
}

/** One card per decision rather than a table: five columns do not fit a phone. */
function DecisionList({ rows, label }: { rows: readonly DecisionView[]; label: string }) {
  return (
    <ol class="decisions" aria-label={label}>
      {rows.map((decision) => (
        <li key={decision.id} data-decision={decision.type}>
          <p>
            <strong>{decision.type}</strong> {decision.productId ?? ''} {decision.items.length ? <span>{decision.items.join(', ')}</span> : null}
          </p>
          {decision.reason ? (
            <p>
              Reason: <strong>{decision.reason}</strong>
            </p>
          ) : null}
          <p class="when">
            {time(decision.occurredAt)}
            {decision.toldAt ? `, told ${time(decision.toldAt)}` : ''}
          </p>
          <p class="cause">
            Caused by {decision.cause.kind} <code>{decision.cause.id}</code>
            {decision.transitionId ? (
              <>
                {' '}
                through transition <code>{decision.transitionId.slice(0, 12)}</code>
              </>
            ) : null}
          </p>
        </li>
      ))}
    </ol>
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
        <DecisionList rows={decisions.value.decisions} label="Decisions told to marketing platforms" />
      ) : (
        <>
          <p class="notice">{missing(decisions, 'The decisions API of the recommendation service')} Shown instead: the decisions this explorer saw on the recommendations topic since it started.</p>
          {seen.length > 0 ? <DecisionList rows={[...seen].reverse()} label="Decisions seen on the recommendations topic" /> : <p>None seen yet.</p>}
        </>
      )}
    </section>
  );
}
