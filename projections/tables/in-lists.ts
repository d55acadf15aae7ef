/**
 * Values bound in one `IN (…)` list at most: well under what SQLite (32,766 bound values) and
 * PostgreSQL (65,535) take in one statement, whatever else the statement binds.
 */
export const MAX_VALUES_PER_IN_LIST = 10_000;

/**
 * The rows `read` gives for `values`, asked in lists of at most `perStatement` values, one
 * statement after the other, in the order of `values`.
 */
export async function readInLists<Value, Row>(
  values: readonly Value[],
  read: (list: Value[]) => Promise<Row[]>,
  perStatement = MAX_VALUES_PER_IN_LIST,
): Promise<Row[]> {
  const rows: Row[] = [];
  for (let start = 0; start < values.length; start += perStatement) {
    // Row by row, not spread into push: spread, a list's rows become arguments, and a read giving
    // many rows per value would pass V8's limit on them.
    for (const row of await read(values.slice(start, start + perStatement))) rows.push(row);
  }
  return rows;
}
