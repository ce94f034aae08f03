import { barChart, type BarChart, formatPercent } from './chart'
import type { ChoiceFigures } from './types'

/** A choice question's (or statement's) bars: each option's share of all respondents. */
export const chartOf = (figures: ChoiceFigures): BarChart =>
  barChart(
    figures.options.map((option) => ({ label: option.label, count: option.count, percent: option.ofRespondents })),
  )

export const resultFilters = { percent: formatPercent, chartOf }
