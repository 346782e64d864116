/**
 * Memory of a server process after a full GC, through the V8 inspector
 * (`node --inspect=127.0.0.1:0`): `HeapProfiler.collectGarbage`, then
 * `process.memoryUsage()` evaluated in the process. The process prints the
 * inspector's WebSocket address on stderr (`Debugger listening on ws://…`).
 */
import { WebSocket } from 'undici';

/** Memory of a process, bytes (Node `process.memoryUsage()` after a full GC). */
export interface Memory {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
}

/** The inspector WebSocket URL in a process's output, or undefined. */
export function inspectorUrl(output: string): string | undefined {
  return /Debugger listening on (ws:\/\/\S+)/.exec(output)?.[1];
}

/** One inspector session; `close()` when done. */
export class Inspector {
  #ws: WebSocket;
  #next = 1;
  #pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  private constructor(ws: WebSocket) {
    this.#ws = ws;
    ws.addEventListener('message', (m) => {
      const msg = JSON.parse(String(m.data)) as { id?: number; result?: unknown; error?: { message: string } };
      const p = msg.id === undefined ? undefined : this.#pending.get(msg.id);
      if (!p) return;
      this.#pending.delete(msg.id!);
      if (msg.error) p.reject(new Error(msg.error.message));
      else p.resolve(msg.result);
    });
  }

  /** Connect to `url` (from `inspectorUrl`). */
  static async connect(url: string): Promise<Inspector> {
    const ws = new WebSocket(url);
    await new Promise<void>((resolve, reject) => {
      ws.addEventListener('open', () => resolve(), { once: true });
      ws.addEventListener('error', () => reject(new Error(`cannot connect to the inspector at ${url}`)), { once: true });
    });
    return new Inspector(ws);
  }

  /** Send one Chrome DevTools Protocol command; resolves with its result. */
  send(method: string, params: Record<string, unknown> = {}): Promise<unknown> {
    const id = this.#next++;
    this.#ws.send(JSON.stringify({ id, method, params }));
    return new Promise((resolve, reject) => this.#pending.set(id, { resolve, reject }));
  }

  /** Full GC (three times, so weakly held and finalised objects go too), then `process.memoryUsage()`. */
  async memory(): Promise<Memory> {
    for (let i = 0; i < 3; i++) await this.send('HeapProfiler.collectGarbage');
    const r = (await this.send('Runtime.evaluate', { expression: 'JSON.stringify(process.memoryUsage())', returnByValue: true })) as { result: { value: string } };
    return JSON.parse(r.result.value) as Memory;
  }

  close(): void {
    this.#ws.close();
  }
}
