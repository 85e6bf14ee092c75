import { receivedQuantities } from './transfer-rules';

const shipped = [
  { sku: 'A', qty: 5 },
  { sku: 'B', qty: 2 },
];

describe('receivedQuantities', () => {
  it('takes unnamed lines as arrived in full', () => {
    expect(receivedQuantities(shipped, [])).toEqual({
      quantities: new Map([
        ['A', 5],
        ['B', 2],
      ]),
    });
  });

  it('records a short line with either name for the quantity', () => {
    expect(receivedQuantities(shipped, [{ sku: 'A', receivedQty: 3 }])).toEqual({
      quantities: new Map([
        ['A', 3],
        ['B', 2],
      ]),
    });
    expect(receivedQuantities(shipped, [{ sku: 'B', qty: 0 }])).toEqual({
      quantities: new Map([
        ['A', 5],
        ['B', 0],
      ]),
    });
  });

  it('refuses unknown, repeated, missing and excessive lines', () => {
    expect(receivedQuantities(shipped, [{ sku: 'C', qty: 1 }])).toMatchObject({ field: 'lines.0.sku' });
    expect(
      receivedQuantities(shipped, [
        { sku: 'A', qty: 1 },
        { sku: 'A', qty: 1 },
      ]),
    ).toMatchObject({ field: 'lines.1.sku' });
    expect(receivedQuantities(shipped, [{ sku: 'A' }])).toMatchObject({ field: 'lines.0.receivedQty' });
    expect(receivedQuantities(shipped, [{ sku: 'A', qty: 6 }])).toMatchObject({
      error: 'must not exceed the 5 shipped',
    });
    expect(receivedQuantities(shipped, [{ sku: 'A', qty: 1, receivedQty: 2 }])).toMatchObject({
      field: 'lines.0.receivedQty',
    });
  });
});
