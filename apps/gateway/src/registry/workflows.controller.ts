import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { badRequest, notFound, type WorkflowResponse, type RequestContext } from '@cp/contracts';
import { RegistryQueries, toWorkflowResponse } from '@cp/read-model';
import { Caller } from '../auth/auth.guard';
import { RegistryCommandsClient } from './registry-commands.client';
import { workflowCreateInput, workflowPatchInput, pageQuery } from './registry-input';

/** `/api/v1/workflows`: ordered steps, each an agent with its own prompt template. */
@Controller('api/v1/workflows')
export class WorkflowsController {
  constructor(private readonly commands: RegistryCommandsClient, private readonly queries: RegistryQueries) {}

  @Post()
  @HttpCode(201)
  async create(@Caller() caller: RequestContext, @Body() body: unknown): Promise<WorkflowResponse> {
    const { id } = await this.commands.send('create_workflow', { context: caller, definition: workflowCreateInput(body) });
    return this.read(caller, id);
  }

  @Get()
  async list(@Caller() caller: RequestContext, @Query('limit') limit: unknown, @Query('offset') offset: unknown): Promise<WorkflowResponse[]> {
    const rows = await this.queries.listEntries(caller.organizationId, 'workflow', pageQuery(limit, offset));
    return rows.map(toWorkflowResponse);
  }

  @Get(':workflowId')
  get(@Caller() caller: RequestContext, @Param('workflowId') workflowId: string): Promise<WorkflowResponse> {
    return this.read(caller, workflowId);
  }

  @Patch(':workflowId')
  async update(@Caller() caller: RequestContext, @Param('workflowId') workflowId: string, @Body() body: unknown): Promise<WorkflowResponse> {
    const patch = workflowPatchInput(body);
    if (Object.keys(patch).length === 0) throw badRequest('No fields to update');
    await this.commands.send('update_workflow', { context: caller, workflow_id: workflowId, patch });
    return this.read(caller, workflowId);
  }

  @Delete(':workflowId')
  @HttpCode(204)
  async remove(@Caller() caller: RequestContext, @Param('workflowId') workflowId: string): Promise<void> {
    await this.commands.send('remove_workflow', { context: caller, workflow_id: workflowId });
  }

  private async read(caller: RequestContext, workflowId: string): Promise<WorkflowResponse> {
    const row = await this.queries.findEntry(caller.organizationId, 'workflow', workflowId);
    if (!row) throw notFound(`Workflow ${workflowId} not found`);
    return toWorkflowResponse(row);
  }
}
