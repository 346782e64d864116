/**
 * `cloudmap-dns inspect --follow`: prints the change stream live, one line
 * per event (or one JSON object per line with `--json`), through the same
 * follower the DNS view uses (`Store.subscribe`), so what it prints is what
 * every replica applies. A gap (stream trimmed past the position, Redis
 * reset or replaced) is printed as a line of its own and following goes on
 * from the store's current revision.
 */
import type { ChangeEvent } from '../store/events.ts';
import type { Store, Subscription } from '../store/store.ts';

/** One event as a text line: `REVISION-0  TYPE  ids  details`. */
export function formatEvent(e: ChangeEvent): string {
  const attrs = (a: Record<string, string>): string => Object.entries(a).sort(([x], [y]) => x.localeCompare(y)).map(([k, v]) => `${k}=${v}`).join(' ');
  const body = ((): string => {
    switch (e.type) {
      case 'NamespaceUpserted':
        return `${e.namespace.id}  ${e.namespace.name}  ${e.namespace.type}`;
      case 'NamespaceDeleted':
        return e.namespaceId;
      case 'ServiceUpserted':
        return `${e.service.id}  ${e.service.name}  in ${e.service.namespaceId}${e.service.dnsRecords?.length ? `  ${e.service.dnsRecords.map((r) => `${r.type}:${r.ttl}`).join(',')}` : ''}`;
      case 'ServiceDeleted':
        return `${e.serviceId}  in ${e.namespaceId}`;
      case 'InstanceUpserted':
        return `${e.instance.serviceId}/${e.instance.id}  ${e.instance.healthStatus}  ${attrs(e.instance.attributes)}`.trimEnd();
      case 'InstanceHealthChanged':
        return `${e.serviceId}/${e.instanceId}  ${e.healthStatus}`;
      case 'InstanceDeleted':
        return `${e.serviceId}/${e.instanceId}`;
    }
  })();
  return `${e.revision}-0  ${e.type}  ${body}`;
}

/** Options of `followChanges`. */
export interface FollowOptions {
  /** Print events after this revision. @default the store's current revision (only new events) */
  from?: number;
  /** Stop after this many events. */
  count?: number;
  json?: boolean;
  /** Where lines go. */
  write: (line: string) => void;
}

/** A running `--follow`. */
export interface Following {
  /** Resolves when `count` events were printed, or after `stop()`. */
  done: Promise<void>;
  stop(): Promise<void>;
}

/** Starts printing the change stream of `store`; see the module comment. */
export async function followChanges(store: Store, o: FollowOptions): Promise<Following> {
  let printed = 0;
  let subscription: Subscription | undefined;
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    await subscription?.close();
    finish();
  };
  const subscribe = (after: number): void => {
    subscription = store.subscribe(after, {
      onEvents: (events) => {
        for (const e of events) {
          if (stopped) return;
          o.write(o.json ? JSON.stringify(e) : formatEvent(e));
          if (o.count !== undefined && ++printed >= o.count) return void stop();
        }
      },
      onGap: (reason) => {
        void (async () => {
          await subscription?.close();
          if (stopped) return;
          const revision = await store.revision();
          o.write(o.json ? JSON.stringify({ gap: reason ?? 'the change feed cannot continue', continuingAfter: revision }) : `! gap: ${reason ?? 'the change feed cannot continue'}; continuing after revision ${revision}`);
          subscribe(revision);
        })();
      },
      onError: (error) => o.write(o.json ? JSON.stringify({ error: error.message }) : `! ${error.message} (retrying)`),
    });
  };
  subscribe(o.from ?? (await store.revision()));
  if (o.count === 0) await stop();
  return { done, stop };
}
