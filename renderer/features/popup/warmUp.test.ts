import { describe, expect, it } from 'vitest';
import type { SearchKey } from '../../../shared/search/query';
import { warmUpPopPath } from './warmUp';

describe('warming up the pop path', () => {
  it('parses a caller id and runs its directory look-up once, for a number no customer has', async () => {
    const asked: SearchKey[][] = [];
    await warmUpPopPath({
      searchByKeys: async (keys) => {
        asked.push(keys);
        return [];
      },
    });
    expect(asked).toEqual([[{ by: 'phone', value: '+56220000000' }]]);
  });
});
