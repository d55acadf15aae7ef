import { type RecordedEvent } from '../../eventstore/event-store.js';
import { type MemberEvent } from '../../domain/members/member.js';
import { type LegalForm, type VatStatus } from '../../shared/enums.js';
import { type Projection } from '../projection.js';

export interface MemberView {
  memberId: string;
  name: string;
  legalForm: LegalForm;
  siret: string | null;
  vatStatus: VatStatus;
  joinedOn: string;
  leftOn: string | null;
}

export type MembersModel = Map<string, MemberView>;

export const membersProjection: Projection<MembersModel> = {
  name: 'members',
  version: 1,
  initialModel: () => new Map(),
  evolve(model, recorded: RecordedEvent) {
    const event = recorded as unknown as MemberEvent;
    switch (event.type) {
      case 'MemberRegistered':
        model.set(event.data.memberId, { ...event.data, leftOn: null });
        return model;
      case 'MemberLeft': {
        const member = model.get(event.data.memberId);
        if (member) member.leftOn = event.data.leftOn;
        return model;
      }
      default:
        return model;
    }
  },
  toSnapshot: (model) => [...model.values()],
  fromSnapshot: (snapshot) => new Map((snapshot as MemberView[]).map((member) => [member.memberId, member])),
};

/** Members in alphabetical order, as every list shows them. */
export function listMembers(model: MembersModel): MemberView[] {
  return [...model.values()].sort((a, b) => a.name.localeCompare(b.name, 'fr'));
}
