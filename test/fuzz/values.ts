import fc from 'fast-check'

/** The markup a hostile value carries; a response that shows either one raw has reflected it. */
export const MARKUP_MARKERS = ['<script>x</script>', '<img src=x onerror=alert(1)>'] as const

/** A form value: text to percent-encode, or bytes already encoded (invalid UTF-8, a stray %). */
export type FieldValue = { text: string } | { encoded: string }
export type FormPairs = readonly (readonly [string, FieldValue])[]

const PAYLOADS = [
  ...MARKUP_MARKERS,
  `"><img src=x onerror=alert(1)>`,
  `'><script>x</script>`,
  `javascript:alert(1)`,
  `{{ 7 * 7 }}{% raw %}`,
  `\${7*7}`,
  `'; DROP TABLE users; --`,
  `../../etc/passwd`,
  `\u0000`,
  `Parks\u0000 and <b>gardens</b>`,
  `__proto__`,
  `- - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - -`,
  `-`.repeat(40),
  `"quoted" phrase or -minus`,
  `| https://example.org`,
  `Link | javascript:alert(1)`,
  `## <script>x</script>\n\n[x](javascript:alert(1))`,
]
const NUMBERS = ['0', '-1', '1', '1.5', '1e309', 'NaN', 'Infinity', '2147483648', '-2147483649', '99999999999999999999']
const DATE_PARTS = ['31', '29', '2', '13', '00', '0000', '1999', '2026', '2101', '9999', '25:61', '09:00', '23:59']
const CONTROL_CHARS = ['\u0000', '\u0001', '\u0008', '\u001b', '\u001f', '\u007f', '\r', '\n', '\t', '\u2028', '\ufeff']
const BAD_ENCODINGS = ['%', '%zz', '%C3%28', '%FF%FE', '%ED%A0%80', '%E0%A4%A', '%00', '%0D%0A']

const controlText = fc.string({ unit: fc.constantFrom(...CONTROL_CHARS, 'a', ' ', '<', '"'), maxLength: 30 })
const unicodeText = fc.string({ unit: 'binary', maxLength: 40 })
const longText = fc
  .tuple(fc.constantFrom(201, 1001, 5001, 20_001, 60_001), fc.constantFrom('x', 'é', '<', '\u0000', '😀', ' a'))
  .map(([length, unit]) => unit.repeat(Math.ceil(length / unit.length)))

/** Hostile text, mixed with the values the field really takes so some cases get past validation. */
export const hostileText = (realValues: readonly string[] = []): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...PAYLOADS) },
    { weight: 2, arbitrary: controlText },
    { weight: 2, arbitrary: unicodeText },
    { weight: 1, arbitrary: longText },
    { weight: 2, arbitrary: fc.constantFrom(...NUMBERS, ...DATE_PARTS, '', ' ') },
    { weight: realValues.length > 0 ? 4 : 0, arbitrary: fc.constantFrom('', ...realValues) },
  )

const fieldValue = (realValues: readonly string[]): fc.Arbitrary<FieldValue> =>
  fc.oneof(
    { weight: 12, arbitrary: hostileText(realValues).map((text) => ({ text })) },
    { weight: 1, arbitrary: fc.constantFrom(...BAD_ENCODINGS).map((encoded) => ({ encoded })) },
  )

/** One field: missing, once, or repeated (which the body parser turns into an array). */
const fieldPairs = (name: string, realValues: readonly string[]): fc.Arbitrary<[string, FieldValue][]> =>
  fc.oneof(
    { weight: 2, arbitrary: fc.constant<[string, FieldValue][]>([]) },
    { weight: 7, arbitrary: fieldValue(realValues).map((value): [string, FieldValue][] => [[name, value]]) },
    {
      weight: 2,
      arbitrary: fc
        .array(fieldValue(realValues), { minLength: 2, maxLength: 3 })
        .map((values) => values.map((value): [string, FieldValue] => [name, value])),
    },
  )

const EXTRA_NAMES = ['__proto__', 'constructor', 'toString', 'a[b]', 'x[]', 'id', 'role', 'status', 'userId', '']
const extraPair = fc.tuple(fc.oneof(fc.constantFrom(...EXTRA_NAMES), fc.string({ maxLength: 12 })), fieldValue([]))

/** A form body from a route's real field names (and values each takes), plus extra fields, in any order. */
export function formBody(fields: Readonly<Record<string, readonly string[]>>): fc.Arbitrary<FormPairs> {
  const pairs = Object.entries(fields).map(([name, values]) => fieldPairs(name, values))
  return fc
    .tuple(fc.tuple(...pairs), fc.array(extraPair, { maxLength: 2 }))
    .map(([perField, extras]) => [...perField.flat(), ...extras])
}

/** Percent-encoded UTF-8; a lone surrogate, which encodeURIComponent refuses, goes as U+FFFD as a browser sends it. */
function percentEncode(text: string): string {
  try {
    return encodeURIComponent(text)
  } catch {
    return encodeURIComponent(Buffer.from(text, 'utf8').toString('utf8'))
  }
}

const encodedValue = (value: FieldValue): string => ('encoded' in value ? value.encoded : percentEncode(value.text))

/** The urlencoded body (or query string) a browser would send, the CSRF token first when there is one. */
export const urlencoded = (pairs: FormPairs, csrf?: string): string =>
  [
    ...(csrf === undefined ? [] : [`_csrf=${percentEncode(csrf)}`]),
    ...pairs.map(([name, value]) => `${percentEncode(name)}=${encodedValue(value)}`),
  ].join('&')

/** Route parameter values that name nothing or are malformed. */
export const GARBAGE_PARAMS = [
  '0',
  '-1',
  '999999',
  '1e3',
  'abc',
  '99999999999999999999',
  '%00',
  '%3Cscript%3Ex%3C%2Fscript%3E',
]
