import type { HistoryView, IdentifierView, Part } from '../../src/explorer-api/explorer-api';
import { identifierText, isMatch, missing, time } from './format';

interface Props {
  identifiers: Part<readonly IdentifierView[]>;
  history: Part<HistoryView>;
  matched: IdentifierView | null;
  onUnmerge: (mergeId: string) => void;
}

export function IdentitySection({ identifiers, history, matched, onUnmerge }: Props) {
  return (
    <>
      <section aria-labelledby="identifiers-heading">
        <h3 id="identifiers-heading">Identifiers</h3>
        {identifiers.ok ? (
          <ul class="identifiers">
            {identifiers.value.map((identifier) => (
              <li key={`${identifier.type}:${identifier.value}`} class={isMatch(identifier, matched) ? 'matched' : ''}>
                <span class="tag">{identifier.type}</span> <code>{identifierText(identifier)}</code>
                {isMatch(identifier, matched) ? <span class="badge">searched</span> : null}
              </li>
            ))}
          </ul>
        ) : (
          <p class="notice">{missing(identifiers, 'The identifier list')}</p>
        )}
      </section>
      <section aria-labelledby="merges-heading">
        <h3 id="merges-heading">Merge history</h3>
        {history.ok ? (
          <>
            {history.value.mergedInto ? <p>Merged into {history.value.mergedInto}.</p> : null}
            {history.value.merges.length === 0 ? <p>No merges.</p> : null}
            <ul class="merges">
              {history.value.merges.map((merge) => (
                <li key={merge.mergeId}>
                  {time(merge.mergedAt)}: {merge.mergedProfileId} merged into {merge.survivorProfileId}, linked by {merge.linkedBy.type} <code>{identifierText(merge.linkedBy)}</code> (event {merge.causedByMessageId}){' '}
                  {merge.unmergeId ? (
                    <span class="tag">undone</span>
                  ) : (
                    <button type="button" class="secondary" onClick={() => onUnmerge(merge.mergeId)}>
                      Unmerge
                    </button>
                  )}
                </li>
              ))}
            </ul>
            {history.value.unmerges.length > 0 ? (
              <>
                <h4>Unmerges</h4>
                <ul>
                  {history.value.unmerges.map((unmerge) => (
                    <li key={unmerge.unmergeId}>
                      {time(unmerge.unmergedAt)}: merge {unmerge.mergeId} undone, {unmerge.restoredProfileId} restored (asked by {unmerge.requestedBy})
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            {history.value.refusals.length > 0 ? (
              <>
                <h4>Refused merges</h4>
                <ul>
                  {history.value.refusals.map((refusal) => (
                    <li key={refusal.refusalId}>
                      {time(refusal.refusedAt)}: {refusal.reason}
                      {refusal.refusedProfileId ? `, kept apart from ${refusal.refusedProfileId}` : ''} (event {refusal.causedByMessageId})
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </>
        ) : (
          <p class="notice">{missing(history, 'The merge history')}</p>
        )}
      </section>
    </>
  );
}
