/**
 * How long the extension host's thread is kept from its event loop, measured inside the host (the
 * suite runs in the extension host process). Shared by the bounds and report suites.
 */
import * as fs from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

/**
 * CPU time of this thread (the extension host's main thread), in ms: `process.threadCpuUsage`
 * where Node has it (the 1.139 host's Node 24), else Linux's per-thread counters (the 1.96 host's
 * Node 20; clock ticks of 10 ms). Unlike wall clock, a loaded machine cannot inflate it by making
 * the thread wait for a core, and unlike `process.cpuUsage` it leaves out the analysis worker.
 */
export function threadCpuReader(): (() => number) | null {
  const own = (process as unknown as { threadCpuUsage?: () => NodeJS.CpuUsage }).threadCpuUsage;
  if (own) {
    return () => {
      const u = own.call(process);
      return (u.user + u.system) / 1000;
    };
  }
  const stat = `/proc/self/task/${process.pid}/stat`;
  if (!fs.existsSync(stat)) return null;
  return () => {
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const line = fs.readFileSync(stat, 'utf8');
    const fields = line.slice(line.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  };
}

/**
 * The longest stretch the extension host's thread was kept from its event loop while `f` ran:
 * the most CPU time this thread spent between two 5 ms pings (null where it cannot be read), and
 * the largest event-loop delay (wall clock: on this loaded two-core machine mostly waiting for a
 * core, so only reported).
 */
export async function hostBlocking<T>(f: () => Promise<T>): Promise<{ value: T; maxDelayMs: number; maxBusyCpuMs: number | null }> {
  const cpu = threadCpuReader();
  const h = monitorEventLoopDelay({ resolution: 5 });
  let maxBusy = 0;
  let last = cpu?.() ?? 0;
  let stop = false;
  const ping = () => {
    if (cpu) {
      const now = cpu();
      maxBusy = Math.max(maxBusy, now - last);
      last = now;
    }
    if (!stop) setTimeout(ping, 5);
  };
  h.enable();
  setTimeout(ping, 5);
  try {
    const value = await f();
    return { value, maxDelayMs: h.max / 1e6, maxBusyCpuMs: cpu ? maxBusy : null };
  } finally {
    stop = true;
    h.disable();
  }
}
