/** Geometry of a horizontal bar chart, drawn as SVG by views/admin/results/partials/bar-chart.njk. */
export interface Bar {
  label: string
  count: number
  percent: number
}

export interface BarChart {
  width: number
  height: number
  bars: (Bar & { labelY: number; barY: number; barWidth: number; valueX: number; valueY: number; percentText: string })[]
  barHeight: number
  description: string
}

const WIDTH = 640
const ROW = 48
const BAR_HEIGHT = 20
const VALUE_SPACE = 120

export const formatPercent = (percent: number): string => `${Math.round(percent)}%`

/** Bars as a share of 100%, so charts of different questions compare at a glance. */
export function barChart(bars: Bar[]): BarChart {
  const scale = (WIDTH - VALUE_SPACE) / 100
  return {
    width: WIDTH,
    height: bars.length * ROW,
    barHeight: BAR_HEIGHT,
    description: bars.map((bar) => `${bar.label}: ${formatPercent(bar.percent)} (${bar.count})`).join('; '),
    bars: bars.map((bar, index) => {
      const barWidth = Math.max(0, Math.round(bar.percent * scale * 10) / 10)
      return {
        ...bar,
        labelY: index * ROW + 16,
        barY: index * ROW + 22,
        barWidth,
        valueX: barWidth + 8,
        valueY: index * ROW + 22 + BAR_HEIGHT - 5,
        percentText: formatPercent(bar.percent),
      }
    }),
  }
}
