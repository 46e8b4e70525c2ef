'use client';

import { AxisBottom, AxisLeft } from '@visx/axis';
import { Group } from '@visx/group';
import { scaleLinear, scaleTime } from '@visx/scale';
import { Line, LinePath } from '@visx/shape';
import { useEffect, useRef, useState } from 'react';
import type { ChartPoint } from '@/lib/alarms/chart';

const HEIGHT = 240;
const MARGIN = { top: 16, right: 16, bottom: 32, left: 44 };

/**
 * The alarm's metric at its own period and statistic, with the threshold as a dashed line and each period in
 * breach as a red dot (`data-breaching="true"`). Sized to its container, so it reads at phone width too.
 */
export function AlarmChart({
  points,
  threshold,
  from,
  to,
  unitLabel,
}: {
  points: ChartPoint[];
  threshold?: number;
  from: string;
  to: string;
  unitLabel: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(640);
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.max(260, Math.floor(entry!.contentRect.width))));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const innerWidth = width - MARGIN.left - MARGIN.right;
  const innerHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = scaleTime({ domain: [new Date(from), new Date(to)], range: [0, innerWidth] });
  const top = Math.max(threshold ?? 0, ...points.map((p) => p.value)) * 1.15 || 1;
  const y = scaleLinear({ domain: [0, top], range: [innerHeight, 0], nice: true });
  const ticks = width < 480 ? 3 : 6;

  return (
    <div ref={box} className="w-full" data-testid="alarm-chart">
      <svg width={width} height={HEIGHT} role="img" aria-label={`${unitLabel} with the alarm threshold`}>
        <Group left={MARGIN.left} top={MARGIN.top}>
          <AxisLeft
            scale={y}
            numTicks={4}
            stroke="#cbd5e1"
            tickStroke="#cbd5e1"
            tickLabelProps={{ fill: '#64748b', fontSize: 11, textAnchor: 'end', dx: -4, dy: 3 }}
          />
          <AxisBottom
            top={innerHeight}
            scale={x}
            numTicks={ticks}
            stroke="#cbd5e1"
            tickStroke="#cbd5e1"
            tickFormat={(value) => {
              const d = value instanceof Date ? value : new Date(Number(value));
              return d.toISOString().slice(11, 16);
            }}
            tickLabelProps={{ fill: '#64748b', fontSize: 11, textAnchor: 'middle' }}
          />
          {threshold !== undefined && (
            <g data-testid="threshold">
              <Line
                from={{ x: 0, y: y(threshold) }}
                to={{ x: innerWidth, y: y(threshold) }}
                stroke="#e11d48"
                strokeWidth={1.5}
                strokeDasharray="5 4"
              />
              <text x={innerWidth} y={y(threshold) - 5} textAnchor="end" fontSize={11} fill="#be123c">
                threshold {threshold}
              </text>
            </g>
          )}
          <LinePath data={points} x={(p) => x(new Date(p.at))} y={(p) => y(p.value)} stroke="#0284c7" strokeWidth={2} />
          {points.map((p) => (
            <circle
              key={p.at}
              data-testid="metric-point"
              data-breaching={p.breaching ? 'true' : 'false'}
              data-value={p.value}
              cx={x(new Date(p.at))}
              cy={y(p.value)}
              r={p.breaching ? 4.5 : 2.5}
              fill={p.breaching ? '#e11d48' : '#0284c7'}
              stroke="white"
              strokeWidth={p.breaching ? 1.5 : 0}
            >
              <title>{`${p.at.slice(11, 16)} UTC: ${p.value}${p.breaching ? ' (in breach)' : ''}`}</title>
            </circle>
          ))}
        </Group>
      </svg>
    </div>
  );
}
