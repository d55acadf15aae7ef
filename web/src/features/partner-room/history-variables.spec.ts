import { describe, expect, it } from 'vitest';
import { historyVariablesOf } from './history-screen.js';

describe('historyVariablesOf', () => {
  it('turns the URL filters into the history query’s arguments', () => {
    expect(historyVariablesOf({ member: 'm1', type: 'CostRecorded', actor: 'TREASURER' })).toEqual({ memberId: 'm1', types: ['CostRecorded'], actorRole: 'TREASURER' });
  });
  it('reads a date range as whole Paris days, the last one included', () => {
    expect(historyVariablesOf({ from: '2026-01-01', to: '2026-01-31' })).toEqual({ from: '2025-12-31T23:00:00.000Z', to: '2026-01-31T23:00:00.000Z' });
  });
  it('asks for everything when no filter is set', () => {
    expect(historyVariablesOf({})).toEqual({});
  });
});
