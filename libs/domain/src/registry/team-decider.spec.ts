import { DomainFailure, type CommandMetadata, type TeamCommand, type TeamDefinition, type TeamEvent } from '@cp/contracts';
import { teamDecider } from './team-decider';

const meta: CommandMetadata = { organizationId: 'org-1', actor: { id: 'user-1', email: null }, now: '2026-01-01T00:00:00.000Z', correlationId: 'c-1' };
const TEAM = 'team-uuid-1';
const definition = (overrides: Partial<TeamDefinition> = {}): TeamDefinition => ({ name: 'Ops', description: null, member_agent_ids: ['a-1', 'a-2'], ...overrides });
const registered = (overrides: Partial<TeamDefinition> = {}): TeamEvent => ({ type: 'TeamRegistered', data: { team_id: TEAM, organization_id: 'org-1', definition: definition(overrides) } });

function given(...events: TeamEvent[]) {
  const state = events.reduce(teamDecider.evolve, teamDecider.initialState());
  return {
    when: (command: TeamCommand) => ({
      then: (expected: TeamEvent[]) => expect(teamDecider.decide(command, state)).toEqual(expected),
      thenFails: (code: string, detail?: unknown) => {
        let failure: unknown;
        try { teamDecider.decide(command, state); } catch (error) { failure = error; }
        expect(failure).toBeInstanceOf(DomainFailure);
        expect((failure as DomainFailure).error.code).toBe(code);
        if (detail) expect((failure as DomainFailure).error.detail).toEqual(detail);
      },
    }),
  };
}

describe('team decider', () => {
  it('registers a team whose members all exist, keeping their order', () =>
    given().when({ type: 'RegisterTeam', data: { team_id: TEAM, definition: definition({ member_agent_ids: ['a-2', 'a-1'] }), existing_agent_ids: ['a-1', 'a-2'] }, metadata: meta })
      .then([registered({ member_agent_ids: ['a-2', 'a-1'] })]));
  it('names every member that does not exist, at its index', () =>
    given().when({ type: 'RegisterTeam', data: { team_id: TEAM, definition: definition({ member_agent_ids: ['a-1', 'ghost', 'a-2', 'other-org'] }), existing_agent_ids: ['a-1', 'a-2'] }, metadata: meta })
      .thenFails('validation', [
        { loc: ['body', 'member_agent_ids', 1], msg: 'Value error, Agent ghost not found in this organization', type: 'value_error' },
        { loc: ['body', 'member_agent_ids', 3], msg: 'Value error, Agent other-org not found in this organization', type: 'value_error' },
      ]));
  it('refuses an id that is taken', () =>
    given(registered()).when({ type: 'RegisterTeam', data: { team_id: TEAM, definition: definition(), existing_agent_ids: ['a-1', 'a-2'] }, metadata: meta }).thenFails('conflict'));
  it('updates members after checking them', () =>
    given(registered()).when({ type: 'UpdateTeam', data: { team_id: TEAM, patch: { member_agent_ids: ['a-3'] }, existing_agent_ids: ['a-3'] }, metadata: meta })
      .then([{ type: 'TeamUpdated', data: { team_id: TEAM, changes: { member_agent_ids: ['a-3'] } } }]));
  it('refuses new members that do not exist', () =>
    given(registered()).when({ type: 'UpdateTeam', data: { team_id: TEAM, patch: { member_agent_ids: ['a-9'] }, existing_agent_ids: [] }, metadata: meta }).thenFails('validation'));
  it('does not check members a rename leaves alone', () =>
    given(registered()).when({ type: 'UpdateTeam', data: { team_id: TEAM, patch: { name: 'SRE' }, existing_agent_ids: [] }, metadata: meta })
      .then([{ type: 'TeamUpdated', data: { team_id: TEAM, changes: { name: 'SRE' } } }]));
  it('records nothing when nothing changed', () =>
    given(registered()).when({ type: 'UpdateTeam', data: { team_id: TEAM, patch: { name: 'Ops' }, existing_agent_ids: [] }, metadata: meta }).then([]));
  it('removes a team once', () => {
    const remove: TeamCommand = { type: 'RemoveTeam', data: { team_id: TEAM }, metadata: meta };
    given(registered()).when(remove).then([{ type: 'TeamRemoved', data: { team_id: TEAM } }]);
    given(registered(), { type: 'TeamRemoved', data: { team_id: TEAM } }).when(remove).thenFails('not_found');
  });
  it('does not find a team of another organization', () =>
    given(registered()).when({ type: 'RemoveTeam', data: { team_id: TEAM }, metadata: { ...meta, organizationId: 'org-2' } }).thenFails('not_found', `Team ${TEAM} not found`));
});
