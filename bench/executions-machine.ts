import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';

type ProcessTicks = { ticks: number; comm: string; ppid: number };
export type MachineSnapshot = { at: number; busy: number; total: number; procs: Map<number, ProcessTicks> };
/** CPU over a window, in % of one core: the whole machine, this bench's process tree, the shared servers, the rest. */
export type MachineLoad = { busy: number; bench: number; servers: number; others: number };

const SERVERS = new Set(['postgres', 'nats-server', 'redis-server']);

function readProc(pid: string): ProcessTicks | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { ticks: Number(fields[11]) + Number(fields[12]), comm: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')), ppid: Number(fields[1]) };
  } catch {
    return null; // exited while scanning
  }
}

/** Every process's CPU ticks and the machine's busy/total ticks (/proc/stat), to attribute load to who caused it. */
export function machineSnapshot(): MachineSnapshot {
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const total = cpu.reduce((sum, v) => sum + v, 0);
  const procs = new Map<number, ProcessTicks>();
  for (const pid of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    const proc = readProc(pid);
    if (proc) procs.set(Number(pid), proc);
  }
  return { at: Date.now(), busy: total - cpu[3] - (cpu[4] ?? 0), total, procs };
}

export function machineLoad(a: MachineSnapshot, b: MachineSnapshot): MachineLoad {
  const seconds = (b.at - a.at) / 1000;
  const percent = (ticks: number): number => ticks / seconds; // 100 ticks per second = 100 % of a core
  const inBench = (pid: number): boolean => {
    for (let p = pid, hops = 0; p > 1 && hops < 64; p = b.procs.get(p)?.ppid ?? 0, hops++) if (p === process.pid) return true;
    return false;
  };
  const load = { bench: 0, servers: 0, others: 0 };
  for (const [pid, proc] of b.procs) {
    const before = a.procs.get(pid);
    const delta = before && before.comm === proc.comm ? proc.ticks - before.ticks : proc.ticks;
    if (inBench(pid)) load.bench += delta;
    else if (SERVERS.has(proc.comm)) load.servers += delta;
    else load.others += delta;
  }
  return { busy: ((b.busy - a.busy) / (b.total - a.total)) * cpus().length * 100, bench: percent(load.bench), servers: percent(load.servers), others: percent(load.others) };
}
