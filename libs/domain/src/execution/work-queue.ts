import { DEFAULT_WORK_QUEUE, environmentQueue, type ExecutionRequested } from '@cp/contracts';

type Routing = Pick<ExecutionRequested['data'], 'executor_type' | 'worker_queue_name' | 'environment_name'>;

/**
 * DESIGN.md §5: auto -> the agent's default_worker_queue or `default`; specific_queue -> worker_queue_name;
 * environment -> `env.<environment_name>`.
 */
export function workQueueFor(routing: Routing, agentDefaultQueue: string | null = null): string {
  switch (routing.executor_type) {
    case 'auto':
      return agentDefaultQueue ?? DEFAULT_WORK_QUEUE;
    case 'specific_queue':
      if (!routing.worker_queue_name) throw new Error("executor_type 'specific_queue' needs worker_queue_name");
      return routing.worker_queue_name;
    case 'environment':
      if (!routing.environment_name) throw new Error("executor_type 'environment' needs environment_name");
      return environmentQueue(routing.environment_name);
    default: {
      const unreachable: never = routing.executor_type;
      return unreachable;
    }
  }
}
