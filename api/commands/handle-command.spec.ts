import { describe, expect, it } from 'vitest';
import { openSqliteDatabase } from '../../eventstore/sqlite/open-database.js';
import { SqliteEventStore } from '../../eventstore/sqlite/sqlite-event-store.js';
import { type Decider } from '../../domain/shared/decider.js';
import { type DecidedMetadata, handleCommand } from './handle-command.js';

type LabelEvent = { type: 'Labelled'; data: { label: string } };

/** A label that saving again records nothing, as a member's details or the pôle's profile. */
const labelDecider: Decider<{ label: string | null }, { type: 'Label'; data: { label: string } }, LabelEvent> = {
  initialState: () => ({ label: null }),
  evolve: (_state, event) => ({ label: event.data.label }),
  decide: (command, state) => (command.data.label === state.label ? [] : [{ type: 'Labelled', data: command.data }]),
};
const metadata: DecidedMetadata = { correlationId: 'c', actorUserId: 'u', actorRole: 'COORDINATOR', recordedAt: '2026-12-07T05:00:00.000Z' };
const label = (text: string) => ({ type: 'Label' as const, data: { label: text } });

describe('handleCommand', () => {
  it('appends nothing when the decider decides nothing, and answers with the stream’s last event', async () => {
    const store = new SqliteEventStore(openSqliteDatabase(':memory:'));
    await handleCommand(store, 'other-1', labelDecider, label('ailleurs'), metadata);
    const first = await handleCommand(store, 'label-1', labelDecider, label('Fablab'), metadata);
    await handleCommand(store, 'other-1', labelDecider, label('plus loin'), metadata);

    const again = await handleCommand(store, 'label-1', labelDecider, label('Fablab'), metadata);

    expect(again).toEqual({ events: [], position: first.position, streamId: 'label-1', revision: 0, lastHash: first.lastHash });
    expect(await store.headPosition()).toBe(first.position + 1);
    expect((await store.readStream('label-1', { fromRevision: 0, maxCount: 10 })).map(({ type }) => type)).toEqual(['Labelled']);
  });

  it('answers position and revision -1 for a stream that does not exist, as the head of an empty log', async () => {
    const store = new SqliteEventStore(openSqliteDatabase(':memory:'));
    const nothing: Decider<{ label: string | null }, { type: 'Label'; data: { label: string } }, LabelEvent> = { ...labelDecider, decide: () => [] };

    expect(await handleCommand(store, 'label-1', nothing, label('Fablab'), metadata)).toEqual({ events: [], position: -1, streamId: 'label-1', revision: -1, lastHash: null });
    expect(await store.headPosition()).toBe(-1);
  });
});
