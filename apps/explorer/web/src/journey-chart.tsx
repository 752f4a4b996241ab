import type { ProfileView, TimelineEntry } from '../../src/explorer-api/explorer-api';

type Transition = Extract<TimelineEntry, { type: 'transition' }>;
type Lane = 'stage' | 'step' | 'tier';

const lanes: readonly { key: Lane; label: string }[] = [
  { key: 'stage', label: 'Funnel stage' },
  { key: 'step', label: 'Webshop step' },
  { key: 'tier', label: 'Spend tier' },
];

const WIDTH = 320;
const LANE_HEIGHT = 56;
const LEFT = 4;

/**
 * Stage, step and tier after each transition, one small step line per lane. Transitions are
 * spaced evenly rather than by time: a story of seconds and one of months both stay readable.
 */
export function JourneyChart({ items, scales }: { items: readonly TimelineEntry[]; scales: ProfileView['scales'] }) {
  const transitions = items.filter((item): item is Transition => item.type === 'transition' && item.kind === 'changed');
  if (transitions.length === 0) return <p>No journey transitions yet.</p>;
  const x = (index: number): number => LEFT + (transitions.length === 1 ? 0 : (index / (transitions.length - 1)) * (WIDTH - 2 * LEFT));
  return (
    <div class="chart">
      {lanes.map(({ key, label }) => {
        const scale = scales[key];
        const values = transitions.map((t) => t[key]);
        const y = (value: string | null): number => (value === null ? LANE_HEIGHT - 6 : LANE_HEIGHT - 6 - (scale.indexOf(value) / Math.max(1, scale.length - 1)) * (LANE_HEIGHT - 16));
        const points = values.flatMap((value, index) => (index === 0 ? [[x(0), y(value)]] : [[x(index), y(values[index - 1] ?? null)], [x(index), y(value)]]));
        const changes = values.filter((value, index) => index === 0 || value !== values[index - 1]).map((value) => value ?? 'none');
        const description = `${label} over time: ${changes.join(' → ')}`;
        return (
          <figure class="lane" key={key}>
            <figcaption>
              {label}: <strong>{values[values.length - 1] ?? 'none'}</strong>
            </figcaption>
            <svg viewBox={`0 0 ${WIDTH} ${LANE_HEIGHT}`} role="img" aria-label={description} preserveAspectRatio="none">
              <title>{description}</title>
              <line x1="0" x2={WIDTH} y1={LANE_HEIGHT - 6} y2={LANE_HEIGHT - 6} class="axis" />
              <polyline points={points.map(([px, py]) => `${px},${py}`).join(' ')} class={`line line-${key}`} />
              {values.map((value, index) => (
                <circle key={index} cx={x(index)} cy={y(value)} r="3" class={`dot line-${key}`} />
              ))}
            </svg>
            <p class="scale">{changes.join(' → ')}</p>
          </figure>
        );
      })}
    </div>
  );
}
