import { barChart, type BarChart, formatPercent } from './chart'
import { isWithheld, WITHHELD_TEXT } from './disclosure'
import type { Disclosed, PublicChoiceFigures } from './types'

/** A choice question's (or statement's) bars: each option's share of all respondents. */
export const chartOf = (figures: PublicChoiceFigures): BarChart =>
  barChart(
    figures.options.map((option) => ({ label: option.label, count: option.count, percent: option.ofRespondents })),
  )

/** A count, summary or date as the page shows it: itself, or why it is withheld. */
const shown = (value: Disclosed<number | string>): string | number =>
  isWithheld(value) ? WITHHELD_TEXT[value.withheld] : value

const percent = (value: Disclosed): string => (isWithheld(value) ? 'withheld' : formatPercent(value))

export const resultFilters = { percent, shown, chartOf }
