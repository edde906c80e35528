/**
 * Preload (`node -r`) for the privacy test: every way a Node process can reach the network is
 * replaced by a function that records the attempt and throws. Attempts are appended to the file
 * named by PROMPTMETER_NET_LOG, so the test sees them even when the CLI swallows the error.
 */
import dns = require('node:dns');
import { appendFileSync } from 'node:fs';
import http = require('node:http');
import https = require('node:https');
import http2 = require('node:http2');
import net = require('node:net');
import tls = require('node:tls');
import dgram = require('node:dgram');

const log = process.env.PROMPTMETER_NET_LOG;

function denied(what: string): never {
  const line = `${what}\t${new Error().stack?.split('\n').slice(2, 5).join(' | ') ?? ''}\n`;
  if (log) appendFileSync(log, line);
  throw new Error(`network access denied by the privacy test: ${what}`);
}

/** Replaces a property on an object, whatever its writability, with a denying function. */
function deny(obj: object, key: string, what: string): void {
  Object.defineProperty(obj, key, { value: (..._args: unknown[]) => denied(what), configurable: true, writable: true });
}

// Local IPC (pipes, Unix sockets) is how child processes and workers talk; only TCP/UDP is refused.
const connect = net.Socket.prototype.connect;
Object.defineProperty(net.Socket.prototype, 'connect', {
  configurable: true,
  writable: true,
  value: function (this: net.Socket, ...args: unknown[]) {
    const first = args[0];
    const path = typeof first === 'string' ? first : first && typeof first === 'object' && 'path' in first ? (first as { path?: unknown }).path : undefined;
    if (typeof path === 'string' && !('port' in (typeof first === 'object' && first ? first : {}))) return (connect as (...a: unknown[]) => net.Socket).apply(this, args);
    return denied(`net.Socket.connect ${JSON.stringify(first)}`);
  },
});
for (const key of ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'reverse']) deny(dns, key, `dns.${key}`);
for (const key of ['lookup', 'resolve', 'resolve4', 'resolve6']) deny(dns.promises, key, `dns.promises.${key}`);
for (const key of ['request', 'get']) {
  deny(http, key, `http.${key}`);
  deny(https, key, `https.${key}`);
}
deny(http2, 'connect', 'http2.connect');
deny(tls, 'connect', 'tls.connect');
deny(net, 'createConnection', 'net.createConnection');
deny(net, 'connect', 'net.connect');
deny(dgram, 'createSocket', 'dgram.createSocket');
deny(globalThis, 'fetch', 'fetch');
if ('WebSocket' in globalThis) deny(globalThis, 'WebSocket', 'WebSocket');
if ('EventSource' in globalThis) deny(globalThis, 'EventSource', 'EventSource');
