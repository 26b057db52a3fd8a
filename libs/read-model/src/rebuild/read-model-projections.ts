import type { Projection } from '../projection';
import { executionsProjection } from '../projections/executions.projection';
import { jobsProjection } from '../projections/jobs.projection';
import { registryProjection } from '../projections/registry.projection';
import { scheduleProjection } from '../projections/schedule.projection';
import { auditExecutionsProjection } from './audit-executions.projection';

/**
 * Every projection of the `read-model` runner, in the order they apply to one event (schedule after jobs: it reads
 * the row the jobs projection has just written). The projector, the rebuild and the as-of replay all use this list.
 */
export const READ_MODEL_PROJECTIONS: readonly Projection[] = [jobsProjection, registryProjection, executionsProjection, scheduleProjection, auditExecutionsProjection];
