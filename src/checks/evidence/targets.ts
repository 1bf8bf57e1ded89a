// Every target a page creates beyond its own renderer: out-of-process frames (a tracker's
// iframe on another site), dedicated workers, and the frames and workers inside those, to any
// depth. Each is attached in the DevTools protocol's nested ("non-flat") mode: Playwright only
// routes flat sessions it created itself, so ours travel inside our own page session
// (Target.sendMessageToTarget / Target.receivedMessageFromTarget). A new target waits for us
// before it runs, so the listeners are on before its first request (a dedicated worker is the
// exception: Playwright resumes it at once, see NetworkLog.addMissed). A shared worker belongs to
// no page: shared-workers.ts finds it from a browser-level session.

/** The little of a DevTools session the evidence needs: Playwright's CDPSession is one. */
export interface ProtocolSession {
  send(method: string, params?: object): Promise<unknown>;
  on(event: string, handler: (params: any) => void): unknown;
}

export type TargetKind = 'page' | 'iframe' | 'worker' | 'shared_worker' | 'service_worker' | 'other';

export interface AttachedTarget {
  kind: TargetKind;
  url: string;
  session: ProtocolSession;
  /** 0 is the page itself, 1 a target the page created, 2 one created by that, … */
  depth: number;
  /** The DevTools target id (an out-of-process frame's is its frame id). */
  targetId: string;
  /** For a worker: the DevTools id of the frame that started it. */
  parentFrameId?: string;
}

/** A hostile page nesting frames or starting workers without end is cut off here. */
export const MAX_TARGETS = 60;
const MAX_DEPTH = 5;

const AUTO_ATTACH = { autoAttach: true, waitForDebuggerOnStart: true, flatten: false };

type AttachedEvent = {
  sessionId: string;
  targetInfo: { targetId: string; type: string; url: string; parentFrameId?: string };
  waitingForDebugger: boolean;
};

function kindOf(type: string): TargetKind {
  return (['page', 'iframe', 'worker', 'shared_worker', 'service_worker'] as const).find((k) => k === type) ?? 'other';
}

/** A session carried inside its parent's messages. */
export class NestedSession implements ProtocolSession {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private readonly handlers = new Map<string, Array<(params: any) => void>>();

  constructor(private readonly parent: ProtocolSession, private readonly sessionId: string) {}

  send(method: string, params: object = {}): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.parent.send('Target.sendMessageToTarget', { sessionId: this.sessionId, message: JSON.stringify({ id, method, params }) }).catch((err: Error) => {
        this.pending.delete(id);
        reject(err);
      });
    });
  }

  on(event: string, handler: (params: any) => void): void {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), handler]);
  }

  /** A message from the target: the answer to one of our commands, or an event. */
  receive(raw: string): void {
    let message: { id?: number; method?: string; params?: unknown; result?: unknown; error?: { message?: string } };
    try {
      message = JSON.parse(raw);
    } catch {
      return;
    }
    if (typeof message.id === 'number') {
      const waiting = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.error) waiting?.reject(new Error(message.error.message ?? 'protocol error'));
      else waiting?.resolve(message.result);
      return;
    }
    for (const handler of this.handlers.get(message.method ?? '') ?? []) {
      try {
        handler(message.params ?? {});
      } catch { /* a listener's failure spoils only its own record */ }
    }
  }

  /** The target is gone: nothing pending will be answered. */
  close(): void {
    for (const waiting of this.pending.values()) waiting.reject(new Error('target closed'));
    this.pending.clear();
  }
}

/**
 * Attaches to every target under `root` as it appears and hands each to `onTarget` while it
 * still waits to run; `targets` lists them all (kind, first URL, depth), for the evidence.
 */
export class TargetTree {
  readonly targets: Array<{ kind: TargetKind; url: string; depth: number; targetId: string }> = [];
  /** Targets beyond MAX_TARGETS or MAX_DEPTH, let run without being watched. */
  unwatched = 0;

  constructor(private readonly onTarget: (target: AttachedTarget) => Promise<void> | void) {}

  /** Everything the page (a page session) creates. */
  async attach(root: ProtocolSession): Promise<void> {
    this.listen(root, 0);
    await root.send('Target.setAutoAttach', AUTO_ATTACH);
  }

  private listen(session: ProtocolSession, depth: number): void {
    const children = new Map<string, NestedSession>();
    session.on('Target.attachedToTarget', (e: AttachedEvent) => {
      const child = new NestedSession(session, e.sessionId);
      children.set(e.sessionId, child);
      void this.adopt(session, child, e, depth + 1);
    });
    session.on('Target.receivedMessageFromTarget', (e: { sessionId: string; message: string }) => children.get(e.sessionId)?.receive(e.message));
    session.on('Target.detachedFromTarget', (e: { sessionId: string }) => {
      children.get(e.sessionId)?.close();
      children.delete(e.sessionId);
    });
  }

  private async adopt(parent: ProtocolSession, child: NestedSession, e: AttachedEvent, depth: number): Promise<void> {
    const kind = kindOf(e.targetInfo.type);
    const watched = this.targets.length < MAX_TARGETS && depth <= MAX_DEPTH;
    try {
      if (!watched) {
        this.unwatched++;
        return;
      }
      this.targets.push({ kind, url: e.targetInfo.url.slice(0, 500), depth, targetId: e.targetInfo.targetId });
      this.listen(child, depth);
      await this.onTarget({ kind, url: e.targetInfo.url, session: child, depth, targetId: e.targetInfo.targetId, parentFrameId: e.targetInfo.parentFrameId });
      // Workers have no children to report; frames do (their own frames and workers).
      if (kind === 'iframe' || kind === 'page') await child.send('Target.setAutoAttach', AUTO_ATTACH);
    } catch { /* the target went away while we attached: nothing of it to record */ } finally {
      // Never leave a target paused: the page would hang on our account.
      if (e.waitingForDebugger) await child.send('Runtime.runIfWaitingForDebugger').catch(() => {});
      if (!watched) await parent.send('Target.detachFromTarget', { sessionId: e.sessionId }).catch(() => {});
    }
  }
}
