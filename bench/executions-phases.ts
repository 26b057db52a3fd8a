import { processSampler } from './scheduler-bench-support';
import { machineLoad, machineSnapshot } from './executions-machine';
import { closedLoop, fixedRate, nowMs, sleep, summarize, type Enqueue, type MemoryRow, type Send, type SystemReport } from './executions-support';
import type { BenchSettings } from './executions-settings';

/** One system under test, as the phases see it. */
export type PhaseTarget = {
  enqueue: Enqueue;
  /** Units completed so far (cumulative, from the system's own record of completion). */
  completed(): Promise<number>;
  /** Latency samples of the given calls (ms): durably enqueued -> worker start, and client call -> worker start. */
  startTimes(sends: Send[], phase: 'light' | 'latency'): Promise<{ recorded: number[]; client: number[] }>;
  /** Processes whose RSS and CPU are reported. */
  processes: { name: string; pid: number }[];
};

export type PhaseResults = Pick<SystemReport, 'light' | 'recordedToStart' | 'clientToStart' | 'enqueueRoundTrip' | 'latencyRate' | 'latencyCalls' | 'latencySkipped' | 'latencyLost' | 'throughput' | 'memory' | 'machine'> & {
  /** Units enqueued in all phases (warm-up, latency, throughput). */
  enqueued: number;
  latencyErrors: string[];
};

async function waitForCompleted(target: PhaseTarget, count: number, timeoutMs: number): Promise<number> {
  const until = nowMs() + timeoutMs;
  let done = await target.completed();
  while (done < count && nowMs() < until) {
    await sleep(100);
    done = await target.completed();
  }
  return done;
}

/**
 * rest (RSS at rest) -> warm-up -> light load and latency (open loops at fixed rates) -> throughput (closed loop) -> drain.
 * Each phase is bounded in time; a system that falls behind shows skipped calls or an unfinished drain.
 */
export async function runPhases(target: PhaseTarget, settings: BenchSettings): Promise<PhaseResults> {
  const restFrom = Date.now();
  const samplers = target.processes.map((p) => ({ name: p.name, sampler: processSampler(p.pid) }));
  try {
    await sleep(settings.restSeconds * 1000);
    const restTo = Date.now();
    const warm = await fixedRate(target.enqueue, 20, 1); // JIT, connection pools and consumers warm before measuring
    await waitForCompleted(target, warm.sends.length, 30_000);

    const light = await fixedRate(target.enqueue, settings.lightRate, settings.lightSeconds, settings.lightRate * 2);
    await waitForCompleted(target, warm.sends.length + light.sends.length, 30_000);
    const lightTimes = await target.startTimes(light.sends, 'light');

    const latencyFrom = machineSnapshot();
    const latency = await fixedRate(target.enqueue, settings.latencyRate, settings.latencySeconds, settings.latencyRate * 2);
    await waitForCompleted(target, warm.sends.length + light.sends.length + latency.sends.length, 30_000);
    const latencyTo = machineSnapshot();
    const { recorded, client } = await target.startTimes(latency.sends, 'latency');

    const before = await target.completed();
    const throughputFrom = machineSnapshot();
    let throughputTo = throughputFrom;
    const throughput = await closedLoop(target.enqueue, { ...settings.loop, completed: async () => (await target.completed()) - before, onLoadEnd: () => (throughputTo = machineSnapshot()) });
    return {
      light: {
        rate: `${settings.lightRate}/s for ${settings.lightSeconds} s`, recordedToStart: summarize(lightTimes.recorded), clientToStart: summarize(lightTimes.client),
        enqueueRoundTrip: summarize(light.sends.map((s) => s.ackAt - s.sentAt)), calls: light.sends.length, skipped: light.skipped,
      },
      recordedToStart: summarize(recorded), clientToStart: summarize(client), enqueueRoundTrip: summarize(latency.sends.map((s) => s.ackAt - s.sentAt)),
      latencyRate: `${settings.latencyRate}/s for ${settings.latencySeconds} s`, latencyCalls: latency.sends.length, latencySkipped: latency.skipped,
      latencyLost: latency.sends.length - recorded.length + latency.errors.length,
      throughput, memory: memoryRows(samplers, [restFrom, restTo], [throughput.startedAt, throughput.loadEndedAt]),
      machine: { latency: machineLoad(latencyFrom, latencyTo), throughput: machineLoad(throughputFrom, throughputTo) },
      enqueued: warm.sends.length + light.sends.length + latency.sends.length + throughput.accepted, latencyErrors: [...warm.errors, ...light.errors, ...latency.errors],
    };
  } finally {
    samplers.forEach((s) => s.sampler.stop());
  }
}

function memoryRows(samplers: { name: string; sampler: ReturnType<typeof processSampler> }[], rest: [number, number], load: [number, number]): MemoryRow[] {
  return samplers.map(({ name, sampler }) => {
    const atRest = sampler.window(rest[0], rest[1]);
    const underLoad = sampler.window(load[0], load[1]);
    return { name, restRssMiB: atRest.rssMiB, loadRssMiB: underLoad.rssMiB, loadMaxRssMiB: underLoad.maxRssMiB, loadCpuPercent: underLoad.cpuPercent };
  });
}
