import { useId, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { linePath, linear, monthTicks, niceTicks, stepPath, type Point } from './chart';

const MONTH_DAY = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });

export interface Series {
  /** In the legend: "Value", "Expected pace". */
  name: string;
  points: Point[];
  /** value: solid line with a dot per point; pace: dashed; target: dotted steps. Dash patterns, not only colour. */
  kind: 'value' | 'pace' | 'target';
  /** The value holds until the next point (check-ins), rather than moving in a straight line. */
  step?: boolean;
  /** With `step`: until when the last value holds. */
  holdUntil?: number;
}

export interface Marker {
  t: number;
  /** Short, drawn at the marker: "Target 2.5 %". */
  label: string;
}

export interface TimeChartProps {
  /** What the chart shows, for screen readers (with `summary`). */
  title: string;
  summary: string;
  from: number;
  to: number;
  series: Series[];
  markers?: Marker[];
  /** "Today" line, when inside [from, to]. */
  now?: number;
  format(value: number): string;
  /** Fixed bounds of the value axis (confidence: 0 to 1); else from the data. */
  domain?: [number, number];
  /** The value axis' ticks when they are not numbers to round (a milestone: not done, done). */
  ticks?: number[];
  height?: number;
}

const MARGIN = { top: 22, right: 14, bottom: 26, left: 64 };
const DEFAULT_WIDTH = 640;

/** The width of an element, followed as it changes (the chart is drawn at its real size, so its text stays legible). */
function useWidth(): [RefObject<HTMLDivElement | null>, number] {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(DEFAULT_WIDTH);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => element.clientWidth > 0 && setWidth(Math.round(element.clientWidth));
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

/**
 * A small time chart in plain SVG: values over time (steps or lines), markers (target changes) and today. An image
 * for assistive technology, named and summarised; the numbers themselves are in the check-in table beside it.
 */
export function TimeChart({ title, summary, from, to, series, markers = [], now, format, domain, ticks, height = 190 }: TimeChartProps) {
  const [ref, width] = useWidth();
  const id = useId();
  const values = series.flatMap((s) => s.points.map((p) => p.v));
  const yTicks = ticks ?? (domain ? niceTicks(domain[0], domain[1], 4) : niceTicks(Math.min(...values), Math.max(...values), 4));
  const y = linear([yTicks[0], yTicks[yTicks.length - 1]], [height - MARGIN.bottom, MARGIN.top]);
  const x = linear([from, to], [MARGIN.left, width - MARGIN.right]);
  const months = monthTicks(from, to);
  const xTicks = months.length > 0 ? months : [from, to];
  const map = (points: Point[]) => points.filter((p) => p.t >= from && p.t <= to).map((p) => ({ x: x(p.t), y: y(p.v) }));

  return (
    <div className="time-chart" ref={ref}>
      <svg width={width} height={height} role="img" aria-labelledby={`${id}-title ${id}-desc`}>
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{summary}</desc>
        <g className="axis" aria-hidden="true">
          {yTicks.map((tick) => (
            <g key={tick}>
              <line className="grid" x1={MARGIN.left} x2={width - MARGIN.right} y1={y(tick)} y2={y(tick)} />
              <text x={MARGIN.left - 6} y={y(tick)} dy="0.32em" textAnchor="end">
                {format(tick)}
              </text>
            </g>
          ))}
          {xTicks.map((tick) => (
            <text key={tick} x={x(tick)} y={height - 6} textAnchor="middle">
              {MONTH_DAY.format(tick)}
            </text>
          ))}
        </g>
        {now !== undefined && now >= from && now <= to && (
          <g className="today" aria-hidden="true">
            <line x1={x(now)} x2={x(now)} y1={MARGIN.top - 4} y2={height - MARGIN.bottom} />
            <text x={x(now)} y={MARGIN.top - 8} textAnchor="middle">
              Today
            </text>
          </g>
        )}
        {markers
          .filter((m) => m.t >= from && m.t <= to)
          .map((m) => (
            <g key={`${m.t} ${m.label}`} className="marker" aria-hidden="true">
              <line x1={x(m.t)} x2={x(m.t)} y1={MARGIN.top} y2={height - MARGIN.bottom} />
              <path d={`M${x(m.t) - 5} ${MARGIN.top - 2} h10 l-5 7 z`} />
              <text x={x(m.t) + 7} y={MARGIN.top + 8}>
                {m.label}
              </text>
            </g>
          ))}
        {series.map((s) => {
          const points = map(s.points);
          return (
            <g key={s.name} className={`series series-${s.kind}`} aria-hidden="true">
              <path
                d={s.step ? stepPath(points, s.holdUntil === undefined ? undefined : x(Math.min(s.holdUntil, to))) : linePath(points)}
              />
              {s.kind === 'value' && points.map((p, i) => <circle key={i} cx={p.x} cy={p.y} r={3.5} />)}
            </g>
          );
        })}
      </svg>
      <ul className="legend" aria-hidden="true">
        {series.map((s) => (
          <li key={s.name}>
            <svg width="26" height="10" className={`series series-${s.kind}`}>
              <path d="M1 5 H25" />
              {s.kind === 'value' && <circle cx="13" cy="5" r="3.5" />}
            </svg>
            {s.name}
          </li>
        ))}
        {markers.length > 0 && (
          <li>
            <svg width="14" height="10" className="marker">
              <path d="M2 1 h10 l-5 8 z" />
            </svg>
            Target changed
          </li>
        )}
      </ul>
    </div>
  );
}
