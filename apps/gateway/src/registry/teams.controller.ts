import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { badRequest, notFound, type TeamResponse, type RequestContext } from '@cp/contracts';
import { RegistryQueries, toTeamResponse } from '@cp/read-model';
import { Caller } from '../auth/auth.guard';
import { RegistryCommandsClient } from './registry-commands.client';
import { teamCreateInput, teamPatchInput, pageQuery } from './registry-input';

/** `/api/v1/teams`: agents that run one after the other, each seeing the previous output. */
@Controller('api/v1/teams')
export class TeamsController {
  constructor(private readonly commands: RegistryCommandsClient, private readonly queries: RegistryQueries) {}

  @Post()
  @HttpCode(201)
  async create(@Caller() caller: RequestContext, @Body() body: unknown): Promise<TeamResponse> {
    const { id } = await this.commands.send('create_team', { context: caller, definition: teamCreateInput(body) });
    return this.read(caller, id);
  }

  @Get()
  async list(@Caller() caller: RequestContext, @Query('limit') limit: unknown, @Query('offset') offset: unknown): Promise<TeamResponse[]> {
    const rows = await this.queries.listEntries(caller.organizationId, 'team', pageQuery(limit, offset));
    return rows.map(toTeamResponse);
  }

  @Get(':teamId')
  get(@Caller() caller: RequestContext, @Param('teamId') teamId: string): Promise<TeamResponse> {
    return this.read(caller, teamId);
  }

  @Patch(':teamId')
  async update(@Caller() caller: RequestContext, @Param('teamId') teamId: string, @Body() body: unknown): Promise<TeamResponse> {
    const patch = teamPatchInput(body);
    if (Object.keys(patch).length === 0) throw badRequest('No fields to update');
    await this.commands.send('update_team', { context: caller, team_id: teamId, patch });
    return this.read(caller, teamId);
  }

  @Delete(':teamId')
  @HttpCode(204)
  async remove(@Caller() caller: RequestContext, @Param('teamId') teamId: string): Promise<void> {
    await this.commands.send('remove_team', { context: caller, team_id: teamId });
  }

  private async read(caller: RequestContext, teamId: string): Promise<TeamResponse> {
    const row = await this.queries.findEntry(caller.organizationId, 'team', teamId);
    if (!row) throw notFound(`Team ${teamId} not found`);
    return toTeamResponse(row);
  }
}
