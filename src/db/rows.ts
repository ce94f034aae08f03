/** The row an INSERT ... RETURNING (or any query bound to give one) gave back: a missing one is a bug, not null. */
export function onlyRow<T>(rows: readonly T[]): T {
  const [row] = rows
  if (row === undefined) throw new Error('The query gave back no row')
  return row
}
