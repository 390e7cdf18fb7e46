import { describe, expect, it } from 'vitest';
import { formatTicketNumber } from '../../functions/tickets/numbers.ts';
import {
  drivingToken,
  searchTokenBudget,
  ticketTokens,
  tokensOf,
} from '../../functions/tickets/search-tokens.ts';

describe('search tokens', () => {
  it('front desk: Chinese text is found by any two characters of it in a row', () => {
    expect(tokensOf('下水管漏水')).toEqual(['下水', '水管', '管漏', '漏水']);
    expect(tokensOf('水')).toEqual([]);
  });

  it('front desk: a room, a number and full-width digits are found as typed', () => {
    expect(tokensOf('3-1502')).toEqual(['3-1502', '1502']);
    expect(tokensOf('３－１５０２')).toEqual(['3-1502', '1502']);
    expect(tokensOf('SHJA-BX-20261201-007')).toEqual([
      'shja-bx-20261201-007',
      'shja',
      'bx',
      '20261201',
      '007',
    ]);
    expect(tokensOf('3号楼1502漏水')).toEqual(['号楼', '1502', '漏水']);
  });

  it('front desk: English words are found in any case', () => {
    expect(tokensOf('Parking PERMIT, a 2nd car')).toEqual(['parking', 'permit', '2nd', 'car']);
  });

  it('a search starts from its longest token', () => {
    expect(drivingToken(tokensOf('漏水 3-1502'))).toBe('3-1502');
  });

  it('a ticket keeps its number, room, phone and name before the words of a long summary', () => {
    const tokens = ticketTokens({
      kind: 'repair',
      number: formatTicketNumber('SHJA', 'repair', '2026-12-01', 7),
      roomCode: '3-1502',
      callerName: '王芳',
      phone: '138 1234 5678',
      // 200 different characters: far more bigrams than the budget, the last words past it.
      summary: `${Array.from({ length: 200 }, (_, i) => String.fromCharCode(0x4e00 + i)).join('')}最后的词`,
    });
    expect(tokens.length).toBe(searchTokenBudget);
    expect(tokens).toEqual(
      expect.arrayContaining(['@all', '@kind:repair', 'shja-bx-20261201-007', '3-1502', '5678', '王芳']),
    );
    expect(tokens).not.toContain('的词');
  });

  it('numbers count past 999 without losing digits', () => {
    expect(formatTicketNumber('SHJA', 'complaint', '2026-12-01', 1000)).toBe('SHJA-TS-20261201-1000');
    expect(formatTicketNumber('SHJA', 'inquiry', '2026-12-01', 1)).toBe('SHJA-ZX-20261201-001');
  });
});
