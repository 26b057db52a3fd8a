import { readFileSync } from 'node:fs';
import { Pool } from 'pg';
import { PostgresEventStore } from '@cp/event-store';

/** CPU time (s) of a process so far, from /proc/<pid>/stat (utime + stime, in clock ticks of 1/100 s). */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Current and peak resident memory (MiB) from /proc/<pid>/status. */
export function memoryMiB(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  return { rss: kib('VmRSS') / 1024, peak: kib('VmHWM') / 1024 };
}

export type ProcessUsage = { name: string; cpuPercent: number; rssMiB: number; peakRssMiB: number };

/** Measures what each service used between start() and stop(). */
export function usageMeter(processes: { name: string; pid: number }[]) {
  const started = processes.map((p) => ({ ...p, cpu: cpuSeconds(p.pid) }));
  const t0 = process.hrtime.bigint();
  return {
    stop(): ProcessUsage[] {
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      return started.map((p) => {
        const memory = memoryMiB(p.pid);
        return { name: p.name, cpuPercent: ((cpuSeconds(p.pid) - p.cpu) / seconds) * 100, rssMiB: memory.rss, peakRssMiB: memory.peak };
      });
    },
  };
}

/** ExecutionRequested events per job, read from the event store itself (exact, no projection lag). */
export async function countExecutions(databaseUrl: string, schema: string, jobIds: string[]): Promise<number> {
  const pool = new Pool({ connectionString: databaseUrl, max: 1 });
  const store = new PostgresEventStore({ pool, schema });
  const wanted = new Set(jobIds);
  let count = 0;
  try {
    for (let after: string | null = null; ;) {
      const page = await store.readAll({ after, maxCount: 5000 });
      if (page.length === 0) return count;
      for (const event of page) if (event.type === 'ExecutionRequested' && wanted.has((event.data as { job_id: string }).job_id)) count++;
      after = page[page.length - 1].position;
    }
  } finally {
    await pool.end();
  }
}
