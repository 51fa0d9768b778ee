// Time series for the live dashboard: samples kept for a window of minutes and drawn
// as an SVG path (hand-written charts: no chart library, nothing from other origins).

export interface Sample {
  /** Milliseconds since the epoch. */
  at: number;
  value: number;
}

/** Add a sample (in time order) and drop those older than the window. */
export function pushSample(series: Sample[], sample: Sample, windowMs: number): Sample[] {
  const last = series.at(-1);
  const next = last && last.at >= sample.at ? series : [...series, sample];
  const from = sample.at - windowMs;
  const first = next.findIndex((s) => s.at >= from);
  return first <= 0 ? next : next.slice(first);
}

/** A round upper bound for an axis: 1, 2, 5, 10, 20, 50, … at least `value`. */
export function niceMax(value: number): number {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

export interface Frame {
  width: number;
  height: number;
  /** Time range shown (ms). */
  from: number;
  to: number;
  /** Value at the top edge. */
  max: number;
}

/**
 * The series as an SVG path in the frame: "M x y L x y …", starting a new piece
 * where samples are more than `gapMs` apart (the feed was away: no line across).
 */
export function linePath(series: Sample[], frame: Frame, gapMs = 5_000): string {
  const span = Math.max(1, frame.to - frame.from);
  const x = (at: number) => ((at - frame.from) / span) * frame.width;
  const y = (value: number) => frame.height - (Math.min(value, frame.max) / frame.max) * frame.height;
  let path = '';
  let previous: Sample | null = null;
  for (const sample of series) {
    if (sample.at < frame.from) {
      previous = sample;
      continue;
    }
    const jump = previous === null || sample.at - previous.at > gapMs;
    path += `${jump ? (path ? ' M' : 'M') : ' L'}${x(sample.at).toFixed(1)} ${y(sample.value).toFixed(1)}`;
    previous = sample;
  }
  return path;
}

/** The area under a path that has a single piece (for a soft fill), or '' otherwise. */
export function areaPath(series: Sample[], frame: Frame, gapMs = 5_000): string {
  const line = linePath(series, frame, gapMs);
  if (!line || line.includes(' M')) return '';
  const visible = series.filter((s) => s.at >= frame.from);
  const first = visible[0];
  const last = visible.at(-1);
  if (!first || !last) return '';
  const span = Math.max(1, frame.to - frame.from);
  const x = (at: number) => (((at - frame.from) / span) * frame.width).toFixed(1);
  return `${line} L${x(last.at)} ${frame.height} L${x(first.at)} ${frame.height} Z`;
}

/** Entries of a count map, largest first (ties by name), at most `limit`. */
export function ranked(map: Record<string, number>, limit = Infinity): [string, number][] {
  return Object.entries(map)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, limit);
}
