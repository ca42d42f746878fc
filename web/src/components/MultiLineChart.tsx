import { ColorType, createChart, LineSeries, type UTCTimestamp } from "lightweight-charts";
import { useEffect, useRef } from "react";
import type { NamedSeries } from "@/lib/chart-data";
import { useTheme } from "@/lib/theme";

const COLORS = ["#3b82f6", "#f59e0b", "#10b981", "#ef4444", "#a855f7", "#14b8a6", "#ec4899", "#84cc16"];

/** Several named lines on one time axis (e.g. each strategy's capital weight), with a legend. */
export function MultiLineChart(props: { series: NamedSeries[]; label: string; height?: number; testId?: string }) {
  const el = useRef<HTMLDivElement>(null);
  const { theme } = useTheme();
  useEffect(() => {
    if (!el.current) return;
    const dark = theme === "dark";
    const c = createChart(el.current, {
      height: props.height ?? 240,
      autoSize: true,
      layout: { background: { type: ColorType.Solid, color: "transparent" }, textColor: dark ? "#a1a1aa" : "#52525b", attributionLogo: false },
      grid: { vertLines: { color: dark ? "#27272a" : "#f4f4f5" }, horzLines: { color: dark ? "#27272a" : "#f4f4f5" } },
      timeScale: { timeVisible: true, borderVisible: false },
      rightPriceScale: { borderVisible: false },
    });
    props.series.forEach((s, i) => {
      const line = c.addSeries(LineSeries, { color: COLORS[i % COLORS.length], lineWidth: 2, title: s.name });
      line.setData(s.data.map((p) => ({ time: p.time as UTCTimestamp, value: p.value })));
    });
    c.timeScale().fitContent();
    return () => c.remove();
  }, [props.series, props.height, theme]);
  const points = props.series.reduce((n, s) => n + s.data.length, 0);
  return (
    <div>
      <div ref={el} role="img" aria-label={`${props.label}: ${props.series.length} lines, ${points} points`} data-testid={props.testId} data-points={points} className="w-full" />
      <ul className="mt-1 flex flex-wrap gap-3 text-xs" aria-hidden>
        {props.series.map((s, i) => (
          <li key={s.name} className="flex items-center gap-1">
            <span className="inline-block h-2 w-3 rounded-sm" style={{ background: COLORS[i % COLORS.length] }} />
            {s.name}
          </li>
        ))}
      </ul>
    </div>
  );
}
