/**
 * The order a French reader expects: accents and case do not set a word apart from its plain
 * spelling (« Écurie » files under E, « atelier » beside « Atelier »), as in a dictionary. One
 * order for the server's lists (members, resources, sites, pools, balances, free slots) and the
 * web app's, so that a screen that sorts again never reorders what the API gave.
 */
const french = new Intl.Collator('fr');

/** Compares two texts in French order, for `sort`. */
export function compareFrench(left: string, right: string): number {
  return french.compare(left, right);
}

/** A copy of the list sorted by name in French order; the list itself is left as it was. */
export function byFrenchName<Named extends { name: string }>(list: readonly Named[]): Named[] {
  return [...list].sort((left, right) => french.compare(left.name, right.name));
}
