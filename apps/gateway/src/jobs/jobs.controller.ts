import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Req } from '@nestjs/common';
import type { Request } from 'express';
import { Inject } from '@nestjs/common';
import type { AppConfig } from '@cp/config';
import { badRequest, notFound, TRIGGER_TYPES, validationFailed, type JobDefinition, type JobDefinitionPatch, type JobResponse, type RequestContext } from '@cp/contracts';
import { JobQueries, toJobResponse } from '@cp/read-model';
import { APP_CONFIG } from '@cp/runtime';
import { JobAsOfService } from '../audit/job-as-of.service';
import { Caller } from '../auth/auth.guard';
import { parseBooleanQuery, parseEnumQuery } from '../validation/query-params';
import { validateBody } from '../validation/request-validator';
import { JobCommandsClient } from './job-commands.client';

/** Seed 000/001/002: the Jobs REST API. Thin: map input -> command, send, map the read model to the response. */
@Controller('api/v1/jobs')
export class JobsController {
  constructor(
    private readonly commands: JobCommandsClient,
    private readonly queries: JobQueries,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly asOf: JobAsOfService,
  ) {}

  @Post()
  @HttpCode(201)
  async create(@Caller() caller: RequestContext, @Body() body: unknown, @Req() req: Request): Promise<JobResponse> {
    const input = validateBody<JobDefinition>('JobCreate', body ?? null);
    if (!input.ok) throw validationFailed(input.issues);
    const definition: JobDefinition = { ...EMPTY_DEFINITION, ...input.value };
    const result = await this.commands.send('create', { context: caller, definition });
    return { ...(await this.read(caller, result.job_id, req)), webhook_secret: result.webhook_secret };
  }

  @Get()
  async list(@Caller() caller: RequestContext, @Query('enabled') enabled: unknown, @Query('trigger_type') triggerType: unknown, @Req() req: Request): Promise<JobResponse[]> {
    const rows = await this.queries.listJobs(caller.organizationId, {
      enabled: parseBooleanQuery('enabled', enabled),
      triggerType: parseEnumQuery('trigger_type', triggerType, TRIGGER_TYPES),
    });
    return rows.map((row) => toJobResponse(row, this.baseUrl(req)));
  }

  @Get(':jobId')
  get(@Caller() caller: RequestContext, @Param('jobId') jobId: string, @Query('as_of') asOf: unknown, @Req() req: Request): Promise<JobResponse> {
    // Issue 8: with as_of, the job as it was then, rebuilt from its events (deleted jobs included).
    if (asOf !== undefined && asOf !== '') return this.asOf.jobAsOf(caller, jobId, asOf, this.baseUrl(req));
    return this.read(caller, jobId, req);
  }

  @Patch(':jobId')
  async update(@Caller() caller: RequestContext, @Param('jobId') jobId: string, @Body() body: unknown, @Req() req: Request): Promise<JobResponse> {
    const input = validateBody<Record<string, unknown>>('JobUpdate', body ?? {});
    if (!input.ok) throw validationFailed(input.issues);
    const patch = withoutNullRequiredFields(input.value);
    if (Object.keys(patch).length === 0) throw badRequest('No fields to update');
    await this.read(caller, jobId, req);
    const result = await this.commands.send('update', { context: caller, job_id: jobId, patch });
    return { ...(await this.read(caller, jobId, req)), webhook_secret: result.webhook_secret };
  }

  @Delete(':jobId')
  @HttpCode(204)
  async remove(@Caller() caller: RequestContext, @Param('jobId') jobId: string): Promise<void> {
    await this.commands.send('delete', { context: caller, job_id: jobId });
  }

  @Post(':jobId/enable')
  @HttpCode(200)
  async enable(@Caller() caller: RequestContext, @Param('jobId') jobId: string, @Req() req: Request): Promise<JobResponse> {
    await this.commands.send('enable', { context: caller, job_id: jobId });
    return this.read(caller, jobId, req);
  }

  @Post(':jobId/disable')
  @HttpCode(200)
  async disable(@Caller() caller: RequestContext, @Param('jobId') jobId: string, @Req() req: Request): Promise<JobResponse> {
    await this.commands.send('disable', { context: caller, job_id: jobId });
    return this.read(caller, jobId, req);
  }

  private async read(caller: RequestContext, jobId: string, req: Request): Promise<JobResponse> {
    const row = await this.queries.findJob(caller.organizationId, jobId);
    if (!row) throw notFound(`Job ${jobId} not found`);
    return toJobResponse(row, this.baseUrl(req));
  }

  private baseUrl(req: Request): string {
    return this.config.publicBaseUrl ?? `${req.protocol}://${req.get('host') ?? `localhost:${this.config.gatewayPort}`}`;
  }
}

const EMPTY_DEFINITION: JobDefinition = {
  name: '', description: null, enabled: true, trigger_type: 'manual', cron_schedule: null, cron_timezone: 'UTC',
  planning_mode: 'predefined_agent', entity_type: null, entity_id: null, entity_name: null, prompt_template: '',
  system_prompt: null, executor_type: 'auto', worker_queue_name: null, environment_name: null, config: {}, execution_environment: null,
};

/** Fields whose type is not nullable treat `null` as "leave unchanged", like the reference service's JobUpdate. */
const NON_NULLABLE = new Set(['name', 'enabled', 'trigger_type', 'planning_mode', 'prompt_template', 'executor_type', 'config']);
function withoutNullRequiredFields(patch: Record<string, unknown>): JobDefinitionPatch {
  return Object.fromEntries(Object.entries(patch).filter(([key, value]) => !(value === null && NON_NULLABLE.has(key)))) as JobDefinitionPatch;
}
