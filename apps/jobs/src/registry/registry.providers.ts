import { RegisterAgentHandler } from './agents/register-agent.handler';
import { RemoveAgentHandler } from './agents/remove-agent.handler';
import { UpdateAgentHandler } from './agents/update-agent.handler';
import { RegistryCommandServer } from './registry-command.server';
import { RegisterTeamHandler } from './teams/register-team.handler';
import { RemoveTeamHandler } from './teams/remove-team.handler';
import { UpdateTeamHandler } from './teams/update-team.handler';
import { RegisterWorkflowHandler } from './workflows/register-workflow.handler';
import { RemoveWorkflowHandler } from './workflows/remove-workflow.handler';
import { UpdateWorkflowHandler } from './workflows/update-workflow.handler';

/** Everything the registry adds to the jobs service module. */
export const registryProviders = [
  RegisterAgentHandler, UpdateAgentHandler, RemoveAgentHandler,
  RegisterTeamHandler, UpdateTeamHandler, RemoveTeamHandler,
  RegisterWorkflowHandler, UpdateWorkflowHandler, RemoveWorkflowHandler,
  RegistryCommandServer,
];
