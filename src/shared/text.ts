import { z } from 'zod'

// eslint-disable-next-line no-control-regex -- control characters are exactly what these remove
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g
const TABS_AND_LINE_BREAKS = /[\t\n\r]/g

export type TextKind = 'single-line' | 'multi-line'

/**
 * Text as we keep it: control characters, which no keyboard types and PostgreSQL cannot always hold
 * (NUL), removed. Multi-line text keeps its tabs and line breaks, with Windows line ends folded;
 * in single-line text they become spaces.
 */
export function cleanText(text: string, kind: TextKind = 'multi-line'): string {
  const folded = text.replace(/\r\n?/g, '\n').replace(CONTROL_CHARACTERS, '')
  return kind === 'single-line' ? folded.replace(TABS_AND_LINE_BREAKS, ' ') : folded
}

/**
 * The one rule for text from a form or a query string; chain .trim(), .min() and .max() after it.
 * `missing` is the message for a field that is not there at all.
 */
export const formText = (kind: TextKind = 'single-line', missing?: string) =>
  z.string(missing === undefined ? undefined : { error: missing }).overwrite((text) => cleanText(text, kind))
