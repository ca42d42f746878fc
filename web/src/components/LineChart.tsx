import { AreaSeries, ColorType, createChart, type IChartApi, type UTCTimestamp } from "lightweight-charts";
import { useEffect, useRef } from "react";
import type { ChartPoint } from "@/lib/chart-data";
import { useTheme } from "@/lib/theme";

/** A time series drawn by TradingView's lightweight-charts (equity, NAV, drawdown). */
export function LineChart(props: { data: ChartPoint[]; label: string; height?: number; negative?: boolean; testId?: string }) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<IChartApi | null>(null);
  const { theme } = useTheme();
  useEffect(() => {
    if (!el.current) return;
    const dark = theme === "dark";
    const c = createChart(el.current, {
      height: props.height ?? 240,
      autoSize: true,
      layout: {
        background: { type: ColorType.Solid, color: "transparent" },
        textColor: dark ? "#a1a1aa" : "#52525b",
        attributionLogo: false,
      },
      grid: { vertLines: { color: dark ? "#27272a" : "#f4f4f5" }, horzLines: { color: dark ? "#27272a" : "#f4f4f5" } },
      timeScale: { timeVisible: true, borderVisible: false },
      rightPriceScale: { borderVisible: false },
    });
    const line = props.negative ? "#ef4444" : "#3b82f6";
    const s = c.addSeries(AreaSeries, {
      lineColor: line,
      topColor: props.negative ? "rgba(239,68,68,0.05)" : "rgba(59,130,246,0.3)",
      bottomColor: props.negative ? "rgba(239,68,68,0.3)" : "rgba(59,130,246,0.02)",
      lineWidth: 2,
    });
    s.setData(props.data.map((p) => ({ time: p.time as UTCTimestamp, value: p.value })));
    c.timeScale().fitContent();
    chart.current = c;
    return () => {
      c.remove();
      chart.current = null;
    };
  }, [props.data, props.height, props.negative, theme]);
  return (
    <div
      ref={el}
      role="img"
      aria-label={`${props.label}: ${props.data.length} points`}
      data-testid={props.testId}
      data-points={props.data.length}
      className="w-full"
    />
  );
}
