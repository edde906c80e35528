/**
 * Records (never blocks) every way a Node thread can reach the network, with the call stack, for
 * the privacy suite. Recording only: VS Code itself may connect, and the extension host must keep
 * working; the suite decides afterwards whose attempts they were. No `vscode` import, so a worker
 * thread can load it too (see {@link guardWorkers}).
 */
import dgram = require('node:dgram');
import dns = require('node:dns');
import fs = require('node:fs');
import http = require('node:http');
import http2 = require('node:http2');
import https = require('node:https');
import net = require('node:net');
import tls = require('node:tls');
import workerThreads = require('node:worker_threads');

export interface Attempt {
  what: string;
  /** Host or address asked for, when the call names one. */
  target: string;
  stack: string;
  thread: string;
}

type Sink = (a: Attempt) => void;

/** The host a call names, from its arguments (a URL, an options object, a host string, a port). */
function targetOf(args: unknown[]): string {
  for (const a of args) {
    if (typeof a === 'string') return a;
    if (a instanceof URL) return a.host;
    if (a && typeof a === 'object') {
      const o = a as { host?: unknown; hostname?: unknown; path?: unknown; port?: unknown; href?: unknown; url?: unknown };
      if (typeof o.href === 'string') return o.href;
      if (typeof o.url === 'string') return o.url;
      if (typeof o.hostname === 'string' || typeof o.host === 'string') return String(o.hostname ?? o.host);
      if (typeof o.path === 'string' && o.port === undefined) return `pipe:${o.path}`;
      if (o.port !== undefined) return 'localhost';
    }
    if (Array.isArray(a) && a.length) return targetOf(a);
  }
  return '';
}

/** Loopback, a local pipe, or nothing named (Node then connects to localhost). */
export function isLocal(target: string): boolean {
  const host = target.replace(/^[a-z]+:\/\//i, '').replace(/^\[|\](:\d+)?$/g, '').replace(/[:/].*$/, '');
  return target === '' || target.startsWith('pipe:') || target.startsWith('/') || /^(localhost|127\.\d+\.\d+\.\d+|::1|0\.0\.0\.0)$/i.test(host)
    || /^(\[::1\]|::1)/.test(target.replace(/^[a-z]+:\/\//i, ''));
}

function stackNow(): string {
  const saved = Error.stackTraceLimit;
  Error.stackTraceLimit = 60;
  const s = new Error().stack ?? '';
  Error.stackTraceLimit = saved;
  return s.split('\n').slice(3).join('\n');
}

/** Replaces `obj[key]` by a function that records the call, then calls the original. */
function wrap(obj: object, key: string, what: string, sink: Sink, undo: (() => void)[]): void {
  const original = (obj as Record<string, unknown>)[key];
  if (typeof original !== 'function') return;
  const thread = workerThreads.isMainThread ? 'main' : `worker ${workerThreads.threadId}`;
  const recorder = function (this: unknown, ...args: unknown[]): unknown {
    sink({ what, target: targetOf(args), stack: stackNow(), thread });
    return new.target ? Reflect.construct(original as new (...a: unknown[]) => unknown, args, new.target) : (original as (...a: unknown[]) => unknown).apply(this, args);
  };
  Object.defineProperty(obj, key, { value: recorder, configurable: true, writable: true });
  undo.push(() => Object.defineProperty(obj, key, { value: original, configurable: true, writable: true }));
}

/** Installs the recorders in this thread; returns a function that removes them. */
export function installNetRecorder(sink: Sink): () => void {
  const undo: (() => void)[] = [];
  wrap(net.Socket.prototype, 'connect', 'net.Socket.connect', sink, undo);
  for (const k of ['connect', 'createConnection']) wrap(net, k, `net.${k}`, sink, undo);
  wrap(tls, 'connect', 'tls.connect', sink, undo);
  for (const k of ['request', 'get']) {
    wrap(http, k, `http.${k}`, sink, undo);
    wrap(https, k, `https.${k}`, sink, undo);
  }
  wrap(http2, 'connect', 'http2.connect', sink, undo);
  for (const k of ['lookup', 'lookupService', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveCname', 'resolveMx', 'resolveNs', 'resolveTxt', 'resolveSrv', 'reverse']) {
    wrap(dns, k, `dns.${k}`, sink, undo);
    wrap(dns.promises, k, `dns.promises.${k}`, sink, undo);
  }
  wrap(dns.Resolver.prototype, 'resolve', 'dns.Resolver.resolve', sink, undo);
  wrap(dgram, 'createSocket', 'dgram.createSocket', sink, undo);
  for (const k of ['fetch', 'WebSocket', 'EventSource']) wrap(globalThis, k, k, sink, undo);
  return () => undo.reverse().forEach((f) => f());
}

/** A sink that appends one JSON line per attempt to a file (how a worker reports to the suite). */
export function fileSink(file: string): Sink {
  return (a) => fs.appendFileSync(file, `${JSON.stringify(a)}\n`);
}

/**
 * Worker threads have their own module instances, so a recorder installed in the extension host's
 * main thread does not see them. From this call on, every `new Worker(file)` is started through a
 * small script that installs the recorder (appending to `logFile`) and then loads `file`;
 * `started` lists the files. Returns a function that restores `Worker`.
 */
export function guardWorkers(logFile: string, started: string[]): () => void {
  const Original = workerThreads.Worker;
  const recorder = __filename;
  class GuardedWorker extends Original {
    constructor(file: string | URL, options: workerThreads.WorkerOptions = {}) {
      if (options.eval || typeof file !== 'string') {
        super(file, options);
        return;
      }
      started.push(file);
      const boot = `require(${JSON.stringify(recorder)}).installNetRecorder(require(${JSON.stringify(recorder)}).fileSink(${JSON.stringify(logFile)}));\nrequire(${JSON.stringify(file)});`;
      super(boot, { ...options, eval: true });
    }
  }
  Object.defineProperty(workerThreads, 'Worker', { value: GuardedWorker, configurable: true, writable: true });
  return () => Object.defineProperty(workerThreads, 'Worker', { value: Original, configurable: true, writable: true });
}
