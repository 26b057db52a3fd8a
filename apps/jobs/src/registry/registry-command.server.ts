import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { NatsConnection } from 'nats';
import { JsonLogger } from '@cp/config';
import { REGISTRY_SERVICE, type RegistryServiceRequests, type Subjects } from '@cp/contracts';
import { serveCommands, type CommandHandler, type CommandServer } from '@cp/messaging';
import { LOGGER, NATS_CONNECTION, SUBJECTS } from '@cp/runtime';
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
export class RegistryCommandServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private server: CommandServer | null = null;

  constructor(
    private readonly commandBus: CommandBus,
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
    @Inject(SUBJECTS) private readonly subjects: Subjects,
    @Inject(LOGGER) private readonly logger: JsonLogger,
  ) {}

  onApplicationBootstrap(): void {
    const handlers: Record<string, CommandHandler> = {};
    for (const [name, toRequest] of Object.entries(TO_REQUEST)) {
      handlers[name] = (payload) => this.commandBus.execute((toRequest as (p: unknown) => object)(payload));
    }
    this.server = serveCommands(this.nats, this.subjects, REGISTRY_SERVICE, handlers, { logger: this.logger });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.server?.stop();
  }
}
