/** Formats made once: `toLocaleString` builds a new formatter on every call, about 30 µs each. */
const WHOLE_OR_SHORT = new Intl.NumberFormat('en-GB')
const PRECISE = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 6 })

/** A number as UK readers write it, with thousands separators: 1,234.5 (at most 3 decimal places). */
export const formatNumber = (value: number): string => WHOLE_OR_SHORT.format(value)

/** A resident's own number as they gave it, to 6 decimal places, with thousands separators. */
export const formatPreciseNumber = (value: number): string => PRECISE.format(value)
