/** What can still be promised from a level: never below zero. One definition for every reader. */
export function availableOf(level: { onHand: number; reserved: number; safetyStock: number }): number {
  return Math.max(0, level.onHand - level.reserved - level.safetyStock);
}

/** The same rule in SQL, for queries over stock_levels aliased as `alias`. */
export function availableSql(alias: string): string {
  return `CASE WHEN ${alias}.on_hand - ${alias}.reserved - ${alias}.safety_stock > 0 THEN ${alias}.on_hand - ${alias}.reserved - ${alias}.safety_stock ELSE 0 END`;
}
