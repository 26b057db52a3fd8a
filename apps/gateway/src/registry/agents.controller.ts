import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { badRequest, notFound, type AgentResponse, type RequestContext } from '@cp/contracts';
import { RegistryQueries, toAgentResponse } from '@cp/read-model';
import { Caller } from '../auth/auth.guard';
import { RegistryCommandsClient } from './registry-commands.client';
import { agentCreateInput, agentPatchInput, pageQuery } from './registry-input';

/** `/api/v1/agents`: what a job with planning_mode predefined_agent (or on_the_fly) runs. */
@Controller('api/v1/agents')
export class AgentsController {
  constructor(private readonly commands: RegistryCommandsClient, private readonly queries: RegistryQueries) {}

  @Post()
  @HttpCode(201)
  async create(@Caller() caller: RequestContext, @Body() body: unknown): Promise<AgentResponse> {
    const { id } = await this.commands.send('create_agent', { context: caller, definition: agentCreateInput(body) });
    return this.read(caller, id);
  }

  @Get()
  async list(@Caller() caller: RequestContext, @Query('limit') limit: unknown, @Query('offset') offset: unknown): Promise<AgentResponse[]> {
    const rows = await this.queries.listEntries(caller.organizationId, 'agent', pageQuery(limit, offset));
    return rows.map(toAgentResponse);
  }

  @Get(':agentId')
  get(@Caller() caller: RequestContext, @Param('agentId') agentId: string): Promise<AgentResponse> {
    return this.read(caller, agentId);
  }

  @Patch(':agentId')
  async update(@Caller() caller: RequestContext, @Param('agentId') agentId: string, @Body() body: unknown): Promise<AgentResponse> {
    const patch = agentPatchInput(body);
    if (Object.keys(patch).length === 0) throw badRequest('No fields to update');
    await this.commands.send('update_agent', { context: caller, agent_id: agentId, patch });
    return this.read(caller, agentId);
  }

  @Delete(':agentId')
  @HttpCode(204)
  async remove(@Caller() caller: RequestContext, @Param('agentId') agentId: string): Promise<void> {
    await this.commands.send('remove_agent', { context: caller, agent_id: agentId });
  }

  private async read(caller: RequestContext, agentId: string): Promise<AgentResponse> {
    const row = await this.queries.findEntry(caller.organizationId, 'agent', agentId);
    if (!row) throw notFound(`Agent ${agentId} not found`);
    return toAgentResponse(row);
  }
}
