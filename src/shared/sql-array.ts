/**
 * A PostgreSQL array literal of integers and nulls, to bind as one parameter (cast in the SQL, e.g. `?::int[]`).
 * Only integers pass: each value is checked to be one.
 */
export function integerArrayLiteral(values: readonly (string | number | bigint | null)[]): string {
  return `{${values.map((value) => (value === null ? 'NULL' : BigInt(value).toString())).join(',')}}`
}
