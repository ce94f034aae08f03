/**
 * Geometry of a horizontal bar chart, drawn as SVG by views/partials/results/bar-chart.njk. Across, it
 * is laid out in per cent of the chart's width, so it fits any screen and its text is never scaled
 * down; down, in pixels.
 */
import { isWithheld, WITHHELD_TEXT } from './disclosure'
import type { Disclosed } from './types'

/** One option's bar; a withheld figure is drawn as an empty track with the reason for its figure. */
export interface Bar {
  label: string
  count: Disclosed
  percent: Disclosed
}

export interface BarChart {
  width: number
  height: number
  bars: { label: string; labelY: number; barY: number; barWidth: number; valueY: number; valueText: string }[]
  barHeight: number
  /** The track's width and where the figures start, in per cent of the chart's width. */
  trackWidth: number
  valueX: number
  description: string
}

const WIDTH = 640
const ROW = 48
const BAR_HEIGHT = 20
const TRACK_PERCENT = 70

export const formatPercent = (percent: number): string => `${Math.round(percent)}%`

const valueTextOf = ({ count, percent }: Bar): string => {
  if (isWithheld(count)) return WITHHELD_TEXT[count.withheld]
  return isWithheld(percent) ? WITHHELD_TEXT[percent.withheld] : `${formatPercent(percent)} (${count})`
}

/** Bars as a share of 100%, so charts of different questions compare at a glance. */
export function barChart(bars: Bar[]): BarChart {
  const scale = TRACK_PERCENT / 100
  return {
    width: WIDTH,
    height: bars.length * ROW,
    barHeight: BAR_HEIGHT,
    trackWidth: TRACK_PERCENT,
    valueX: TRACK_PERCENT + 2,
    description: bars.map((bar) => `${bar.label}: ${valueTextOf(bar)}`).join('; '),
    bars: bars.map((bar, index) => {
      const percent = isWithheld(bar.percent) ? 0 : bar.percent
      return {
        label: bar.label,
        labelY: index * ROW + 16,
        barY: index * ROW + 22,
        barWidth: Math.max(0, Math.round(percent * scale * 10) / 10),
        valueY: index * ROW + 22 + BAR_HEIGHT - 5,
        valueText: valueTextOf(bar),
      }
    }),
  }
}
