import { lazy, Suspense, type ComponentProps } from "react";

// The chart library is the largest part of the bundle: loaded on its own, after the numbers.
const LineChart = lazy(() => import("./LineChart").then((m) => ({ default: m.LineChart })));

export function LazyLineChart(props: ComponentProps<typeof LineChart>) {
  return (
    <Suspense fallback={<div style={{ height: props.height ?? 240 }} aria-hidden />}>
      <LineChart {...props} />
    </Suspense>
  );
}

const MultiLineChart = lazy(() => import("./MultiLineChart").then((m) => ({ default: m.MultiLineChart })));

export function LazyMultiLineChart(props: ComponentProps<typeof MultiLineChart>) {
  return (
    <Suspense fallback={<div style={{ height: props.height ?? 240 }} aria-hidden />}>
      <MultiLineChart {...props} />
    </Suspense>
  );
}
