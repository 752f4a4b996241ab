import { useState } from 'preact/hooks';
import type { Part, TimelineView } from '../../src/explorer-api/explorer-api';
import { missing, time } from './format';
import { ChannelIcon } from './icons';

export function TimelineSection({ timeline }: { timeline: Part<TimelineView> }) {
  const [channel, setChannel] = useState('all');
  const [showTransitions, setShowTransitions] = useState(true);
  if (!timeline.ok) {
    return (
      <section aria-labelledby="timeline-heading">
        <h3 id="timeline-heading">Timeline</h3>
        <p class="notice">{missing(timeline, 'The timeline')}</p>
      </section>
    );
  }
  const channels = [...new Set(timeline.value.items.flatMap((item) => (item.type === 'touchpoint' ? [item.channel] : [])))].sort();
  const shown = timeline.value.items.filter((item) => (item.type === 'touchpoint' ? channel === 'all' || item.channel === channel : showTransitions));
  return (
    <section aria-labelledby="timeline-heading">
      <h3 id="timeline-heading">Timeline</h3>
      <div class="filters">
        <label>
          Channel{' '}
          <select value={channel} onChange={(event) => setChannel(event.currentTarget.value)}>
            <option value="all">all</option>
            {channels.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label>
          <input type="checkbox" checked={showTransitions} onChange={(event) => setShowTransitions(event.currentTarget.checked)} /> journey changes
        </label>
      </div>
      <ol class="timeline">
        {shown.map((item) =>
          item.type === 'touchpoint' ? (
            <li key={item.messageId} class={`touchpoint channel-${item.channel}`}>
              <ChannelIcon channel={item.channel} />
              <span class="when">{time(item.at)}</span> <strong>{item.event}</strong> <span class="tag">{item.channel}</span>
              {item.storeId ? <span class="store"> at {item.storeId}</span> : null}
              {item.page ? <span> on {item.page}</span> : null}
            </li>
          ) : (
            <li key={item.transitionId} class="transition">
              <span class="when">{time(item.at)}</span> journey {item.kind}: stage {item.stage ?? '–'}, step {item.step ?? '–'}, tier {item.tier ?? '–'}
              {item.productsChanged.length > 0 ? `; products ${item.productsChanged.join(', ')}` : ''} <span class="cause">({item.cause.kind} {item.cause.id})</span>
            </li>
          ),
        )}
      </ol>
      {timeline.value.truncated ? <p>Only the first {timeline.value.items.length} items are shown.</p> : null}
    </section>
  );
}
