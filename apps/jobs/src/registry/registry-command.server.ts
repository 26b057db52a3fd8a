import { Injectable } from '@nestjs/common';
import { REGISTRY_SERVICE, type RegistryServiceRequests } from '@cp/contracts';
import { CommandBusBridge } from '../shared/command-bus-bridge';
import { RegisterAgentRequest } from './agents/register-agent.handler';
import { RemoveAgentRequest } from './agents/remove-agent.handler';
import { UpdateAgentRequest } from './agents/update-agent.handler';
import { RegisterTeamRequest } from './teams/register-team.handler';
import { RemoveTeamRequest } from './teams/remove-team.handler';
import { UpdateTeamRequest } from './teams/update-team.handler';
import { RegisterWorkflowRequest } from './workflows/register-workflow.handler';
import { RemoveWorkflowRequest } from './workflows/remove-workflow.handler';
import { UpdateWorkflowRequest } from './workflows/update-workflow.handler';

type Requests = RegistryServiceRequests;

/** Maps each `cmd.registry.<name>` payload onto its CQRS request. */
const TO_REQUEST: { [C in keyof Requests]: (payload: Requests[C]) => object } = {
  create_agent: (p) => new RegisterAgentRequest(p.context, p.definition),
  update_agent: (p) => new UpdateAgentRequest(p.context, p.agent_id, p.patch),
  remove_agent: (p) => new RemoveAgentRequest(p.context, p.agent_id),
  create_team: (p) => new RegisterTeamRequest(p.context, p.definition),
  update_team: (p) => new UpdateTeamRequest(p.context, p.team_id, p.patch),
  remove_team: (p) => new RemoveTeamRequest(p.context, p.team_id),
  create_workflow: (p) => new RegisterWorkflowRequest(p.context, p.definition),
  update_workflow: (p) => new UpdateWorkflowRequest(p.context, p.workflow_id, p.patch),
  remove_workflow: (p) => new RemoveWorkflowRequest(p.context, p.workflow_id),
};

/** NATS request/reply adapter of the registry, hosted by the jobs service. */
@Injectable()
export class RegistryCommandServer extends CommandBusBridge {
  protected readonly service = REGISTRY_SERVICE;
  protected readonly requests = TO_REQUEST;
}
