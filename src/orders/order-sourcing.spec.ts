import { demandByVariant, rankCandidates, SourcingCandidate } from './order-sourcing';

const amsterdam = { lat: 52.37, lng: 4.89 };
const utrecht = { lat: 52.09, lng: 5.12 };
const rotterdam = { lat: 51.92, lng: 4.48 };

function candidate(locationId: string, where: { lat: number; lng: number } | null, available: number) {
  return { locationId, lat: where?.lat ?? null, lng: where?.lng ?? null, available } as SourcingCandidate;
}

describe('sourcing ranking', () => {
  it('picks the nearest location when the address has coordinates', () => {
    const ranked = rankCandidates(
      [candidate('rtm', rotterdam, 100), candidate('utr', utrecht, 5), candidate('ams', amsterdam, 1)],
      { lat: 52.1, lng: 5.1 },
    );
    expect(ranked.map((c) => c.locationId)).toEqual(['utr', 'ams', 'rtm']);
  });

  it('puts locations without coordinates after those with, by stock', () => {
    const ranked = rankCandidates(
      [candidate('nowhere-big', null, 900), candidate('nowhere', null, 3), candidate('ams', amsterdam, 1)],
      amsterdam,
    );
    expect(ranked.map((c) => c.locationId)).toEqual(['ams', 'nowhere-big', 'nowhere']);
  });

  it('picks the one with most stock when the address has no coordinates', () => {
    const ranked = rankCandidates([candidate('a', amsterdam, 4), candidate('b', utrecht, 9)], {});
    expect(ranked[0].locationId).toBe('b');
    expect(rankCandidates([candidate('a', amsterdam, 4), candidate('b', utrecht, 9)])[0].locationId).toBe(
      'b',
    );
  });

  it('breaks ties by id so every instance chooses alike', () => {
    const ranked = rankCandidates([candidate('b', null, 5), candidate('a', null, 5)]);
    expect(ranked.map((c) => c.locationId)).toEqual(['a', 'b']);
  });

  it('answers nothing for no candidates', () => {
    expect(rankCandidates([], amsterdam)).toEqual([]);
  });

  it('sums the demand of a variant named twice', () => {
    expect(
      demandByVariant([
        { variantId: 'v1', qty: 2 },
        { variantId: 'v2', qty: 1 },
        { variantId: 'v1', qty: 3 },
      ]),
    ).toEqual(
      new Map([
        ['v1', 5],
        ['v2', 1],
      ]),
    );
  });
});
