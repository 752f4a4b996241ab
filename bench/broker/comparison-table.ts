/**
 * The two brokers side by side: each figure of the dev broker's run, the same figure of
 * Apache Kafka's, and their ratio (Apache Kafka / dev broker). The rows are declared once
 * here and give both the printed table and the ratios in the JSON.
 */
import { type ProduceMode } from './bench-settings';
import { type LatencyFigures, round } from './figures';
import { type ProcessLoad } from './process-load';
import { type BrokerFigures } from './run-workload';

type Pick = (figures: BrokerFigures) => number | null | undefined;

interface Figure {
  /** Name in the JSON's `ratios`, e.g. `produce.msgsPerSec`. */
  readonly key: string;
  readonly pick: Pick;
  readonly digits: number;
}

/** One printed line: one figure, or two shown as `a / b` (the load column's CPU and event loop). */
interface Row {
  readonly label: string;
  readonly figures: readonly Figure[];
}

interface Phase {
  readonly title: string;
  readonly rows: readonly Row[];
}

type PhaseName = 'produce' | 'consume' | 'rawProduce';

const single = (label: string, key: string, pick: Pick, digits: number): Row => ({ label, figures: [{ key, pick, digits }] });

function throughputRows(phase: PhaseName): Row[] {
  return [
    single('msgs/s', `${phase}.msgsPerSec`, (f) => f[phase]?.msgsPerSec, 0),
    single('MB/s', `${phase}.mbPerSec`, (f) => f[phase]?.mbPerSec, 1),
  ];
}

function latencyRows(phase: PhaseName, per: string, latency: (f: BrokerFigures) => LatencyFigures | undefined): Row[] {
  return (['p50', 'p99', 'max'] as const).map((p) => single(`latency ${p} ms ${per}`, `${phase}.latencyMs.${p}`, (f) => latency(f)?.[p], 2));
}

function loadRows(phase: PhaseName): Row[] {
  const load = (side: 'brokerLoad' | 'clientLoad', label: string): Row => {
    const of = (f: BrokerFigures): ProcessLoad | undefined => f[phase]?.[side];
    return {
      label: `${label} load (CPU / event loop)`,
      figures: [
        { key: `${phase}.${side}.cpu`, pick: (f) => of(f)?.cpu, digits: 2 },
        { key: `${phase}.${side}.eventLoop`, pick: (f) => of(f)?.eventLoop, digits: 2 },
      ],
    };
  };
  return [load('brokerLoad', 'broker'), load('clientLoad', 'client')];
}

function phases(mode: ProduceMode): Phase[] {
  return [
    { title: 'produce', rows: [...throughputRows('produce'), ...latencyRows('produce', `per ${mode} call`, (f) => f.produce.callLatencyMs), ...loadRows('produce')] },
    {
      title: 'consume',
      rows: [...throughputRows('consume'), single('group join + first fetch s', 'consume.startupSeconds', (f) => f.consume.startupSeconds, 3), ...loadRows('consume')],
    },
    { title: 'raw produce', rows: [...throughputRows('rawProduce'), ...latencyRows('rawProduce', 'per request', (f) => f.rawProduce?.requestLatencyMs), ...loadRows('rawProduce')] },
  ];
}

function ratio(apache: number | null | undefined, dev: number | null | undefined): number | null {
  if (apache === null || apache === undefined || dev === null || dev === undefined || dev === 0) return null;
  return round(apache / dev, 2);
}

/** Apache Kafka / dev broker for every figure both runs have; null where a side lacks it. */
export function ratios(dev: BrokerFigures, apache: BrokerFigures, mode: ProduceMode): Record<string, number | null> {
  const all = phases(mode).flatMap((phase) => phase.rows.flatMap((row) => row.figures));
  return Object.fromEntries(all.filter((f) => f.pick(dev) !== undefined).map((f) => [f.key, ratio(f.pick(apache), f.pick(dev))]));
}

function formatValue(value: number | null | undefined, digits: number): string {
  if (value === null || value === undefined) return '-';
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function printComparison(dev: BrokerFigures, apache: BrokerFigures, mode: ProduceMode): void {
  const label = 48;
  const width = Math.max(14, dev.broker.name.length, apache.broker.name.length);
  const line = (a: string, b: string, c: string, d: string): string => `${a.padEnd(label)} | ${b.padStart(width)} | ${c.padStart(width)} | ${d.padStart(13)}`;
  console.log('');
  console.log(line('figure', dev.broker.name, apache.broker.name, 'Apache / dev'));
  console.log(line('', '', '', '').replace(/[^|]/g, '-').replace(/\|/g, '+'));
  for (const phase of phases(mode)) {
    const rows = phase.rows.filter((row) => row.figures.some((f) => f.pick(dev) !== undefined || f.pick(apache) !== undefined));
    rows.forEach((row, i) => {
      const values = (figures: BrokerFigures): string => row.figures.map((f) => formatValue(f.pick(figures), f.digits)).join(' / ');
      const ratioText = row.figures.map((f) => formatValue(ratio(f.pick(apache), f.pick(dev)), 2)).join(' / ');
      console.log(line(`${i === 0 ? phase.title.padEnd(12) : ' '.repeat(12)}${row.label}`, values(dev), values(apache), ratioText));
    });
  }
  console.log('ratio = Apache Kafka / dev broker: above 1 means Apache Kafka moved more (msgs/s, MB/s), waited longer (latency) or used more CPU');
}
