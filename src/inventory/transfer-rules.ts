/**
 * What arrived of each shipped line: a line the receipt names arrived with the quantity given (0 up
 * to what was shipped), a line it does not name arrived in full. Answers the problem instead when the
 * receipt names a SKU that is not on the transfer, names one twice, or claims more than was shipped.
 */
export function receivedQuantities(
  shipped: Array<{ sku: string; qty: number }>,
  receipt: Array<{ sku: string; receivedQty?: number; qty?: number }>,
): { quantities: Map<string, number> } | { field: string; error: string } {
  const quantities = new Map(shipped.map((line) => [line.sku, line.qty]));
  const seen = new Set<string>();
  for (const [i, line] of receipt.entries()) {
    const field = `lines.${i}`;
    const shippedQty = quantities.has(line.sku) ? shipped.find((s) => s.sku === line.sku)!.qty : undefined;
    if (shippedQty === undefined)
      return { field: `${field}.sku`, error: `${line.sku} is not on this transfer` };
    if (seen.has(line.sku)) return { field: `${field}.sku`, error: `${line.sku} is listed twice` };
    seen.add(line.sku);
    if (line.receivedQty !== undefined && line.qty !== undefined && line.receivedQty !== line.qty) {
      return { field: `${field}.receivedQty`, error: 'give receivedQty or qty, not two different figures' };
    }
    const received = line.receivedQty ?? line.qty;
    if (received === undefined) return { field: `${field}.receivedQty`, error: 'is required' };
    if (received > shippedQty) {
      return { field: `${field}.receivedQty`, error: `must not exceed the ${shippedQty} shipped` };
    }
    quantities.set(line.sku, received);
  }
  return { quantities };
}
