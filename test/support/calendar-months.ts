/** The first day (`YYYY-MM-01`) of the month `offset` months from the one holding `date` (`YYYY-MM-DD`). */
export function monthStart(date: string, offset: number): string {
  const [year, month] = date.split('-').map(Number) as [number, number];
  const index = year * 12 + (month - 1) + offset;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;
}
