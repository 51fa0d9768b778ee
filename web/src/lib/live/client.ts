// The live connection: one websocket per tab to `GET /api/v1/live`, shared by every
// page that needs it (`acquire()` / release). It answers requests by id, reconnects
// with exponential backoff and jitter when the server or the network goes away, and
// after reconnecting restores what the pages asked for: rooms are joined again with
// `after_seq` = the last chat sequence seen (the server sends only what came after,
// and the client drops any sequence it already delivered), booths are entered again
// and targets watched again. Framework-free so it can be tested with a fake socket.
import {
  CLOSE,
  parseServerMessage,
  watchKey,
  type ClientMessage,
  type ErrorCode,
  type IceServer,
  type MessageOf,
  type Person,
  type Request,
  type ServerMessage,
  type ServerType,
  type WatchTarget,
} from './protocol';

/** The part of `WebSocket` the client uses. */
export interface SocketLike {
  readonly readyState: number;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export type LiveStatus =
  /** Nobody needs the connection. */
  | 'idle'
  | 'connecting'
  | 'open'
  /** Lost; trying again after a delay. */
  | 'reconnecting'
  /** Closed for good (the server refused us): pages say so. */
  | 'failed';

export interface LiveOptions {
  /** The websocket URL (same origin: the session cookie authenticates). */
  url: () => string;
  createSocket?: (url: string) => SocketLike;
  /** Who connects: signed in (the cookie speaks) or an anonymous visitor id. */
  identity: () => { signedIn: boolean; visitor: string };
  /** Called when a signed-in tab got no welcome (the session must have ended). */
  onSessionLapsed?: () => void;
  onStatus?: (status: LiveStatus) => void;
  random?: () => number;
  requestTimeoutMs?: number;
  welcomeTimeoutMs?: number;
  pingIntervalMs?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** Keep the socket this long after the last page released it (page changes). */
  idleCloseMs?: number;
}

/** A refused or failed request. `code` is the server's, or `timeout` / `closed`. */
export class LiveError extends Error {
  readonly code: ErrorCode | 'timeout' | 'closed';
  constructor(code: ErrorCode | 'timeout' | 'closed', message: string) {
    super(message);
    this.name = 'LiveError';
    this.code = code;
  }
}

/** Close codes after which reconnecting would only repeat the refusal. */
const TERMINAL_CODES = new Set<number>([
  CLOSE.AUTH_TIMEOUT,
  CLOSE.BAD_TICKET,
  CLOSE.PROTOCOL_ABUSE,
  CLOSE.SIGNED_OUT,
  CLOSE.UNSUPPORTED_DATA,
  CLOSE.TOO_BIG,
]);

/** Whether a close code means "try again" (1001, 1006, 4009 and other transient ones). */
export function shouldReconnect(code: number): boolean {
  return !TERMINAL_CODES.has(code);
}

/** Delay before reconnect attempt `attempt` (0-based): exponential, capped, with "equal jitter". */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number, random: () => number): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 20));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

interface Pending {
  resolve: () => void;
  reject: (err: LiveError) => void;
  timer: ReturnType<typeof setTimeout>;
}

interface Waiting {
  message: Request;
  resolve: () => void;
  reject: (err: LiveError) => void;
  timer: ReturnType<typeof setTimeout>;
}

/** Numbers held above a missing one before it is given up for lost (as the server does). */
const MAX_AHEAD = 256;

/**
 * The chat sequence numbers delivered in one room: every one through `through`,
 * and those above it in `ahead`. Messages from several senders (or instances) may
 * arrive out of order: each number is delivered once and none is dropped for coming
 * after a higher one. Resuming asks for what came after `through`, so a number that
 * went missing comes back from the history.
 */
export class SeqWindow {
  through = 0;
  private ahead = new Set<number>();

  /** `true` (and remembered) the first time a number is seen. */
  first(seq: number): boolean {
    if (seq <= this.through || this.ahead.has(seq)) return false;
    this.ahead.add(seq);
    if (this.ahead.size > MAX_AHEAD) {
      // A number that never came holds the window open no longer (resuming fetches it).
      const lowest = Math.min(...this.ahead);
      this.ahead.delete(lowest);
      this.through = lowest;
    }
    while (this.ahead.delete(this.through + 1)) this.through += 1;
    return true;
  }

  /** Highest number seen. */
  get highest(): number {
    return Math.max(this.through, ...this.ahead);
  }
}

interface RoomIntent {
  /** Chat sequences delivered to the pages. */
  seen: SeqWindow;
  /** Whether a `room_joined` came: later joins resume with `after_seq`. */
  joined: boolean;
  onError?: (err: LiveError) => void;
}

interface CountedIntent<T> {
  value: T;
  count: number;
  onError: Set<(err: LiveError) => void>;
}

type Handler<T extends ServerType> = (message: MessageOf<T>) => void;

const OPEN = 1;
/** Messages the server shows on a first join (no `after_seq`). */
const FIRST_JOIN_HISTORY = 100;

export class LiveClient {
  private readonly options: Required<Omit<LiveOptions, 'onSessionLapsed' | 'onStatus' | 'createSocket'>> &
    Pick<LiveOptions, 'onSessionLapsed' | 'onStatus' | 'createSocket'>;
  private socket: SocketLike | null = null;
  private users = 0;
  private attempt = 0;
  private nextId = 1;
  private pending = new Map<number, Pending>();
  private waiting: Waiting[] = [];
  private handlers = new Map<ServerType, Set<(message: ServerMessage) => void>>();
  private rooms = new Map<string, RoomIntent>();
  /** Rooms this connection is in on the server (joined or waiting), intent or not. */
  private serverRooms = new Set<string>();
  private booths = new Map<string, CountedIntent<string>>();
  private watches = new Map<string, CountedIntent<WatchTarget>>();
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private welcomeTimer: ReturnType<typeof setTimeout> | null = null;
  private pingTimer: ReturnType<typeof setInterval> | null = null;
  private idleTimer: ReturnType<typeof setTimeout> | null = null;
  private statusListeners = new Set<(status: LiveStatus) => void>();

  status: LiveStatus = 'idle';
  /** This connection's id (a room member id), from `welcome`. */
  connection: string | null = null;
  /** Who the server thinks we are (null: anonymous). */
  user: Person | null = null;
  /** STUN/TURN servers for calls, from `welcome`. */
  iceServers: IceServer[] = [];

  constructor(options: LiveOptions) {
    this.options = {
      random: Math.random,
      requestTimeoutMs: 10_000,
      welcomeTimeoutMs: 5_000,
      pingIntervalMs: 25_000,
      backoffBaseMs: 500,
      backoffMaxMs: 30_000,
      idleCloseMs: 5_000,
      ...options,
    };
  }

  // ---- lifetime -------------------------------------------------------------

  /** Say a page needs the connection; call the returned function when it no longer does. */
  acquire(): () => void {
    this.users += 1;
    if (this.idleTimer) {
      clearTimeout(this.idleTimer);
      this.idleTimer = null;
    }
    if (this.status === 'idle' || this.status === 'failed') this.connect();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.users -= 1;
      if (this.users === 0) {
        this.idleTimer = setTimeout(() => {
          this.idleTimer = null;
          if (this.users === 0) this.shutdown();
        }, this.options.idleCloseMs);
      }
    };
  }

  /** Reconnect now (identity changed, the network came back). Keeps rooms, booths and watches. */
  restart(): void {
    if (this.users === 0) {
      if (this.status !== 'idle') this.shutdown();
      return;
    }
    this.dropSocket();
    this.attempt = 0;
    this.connect();
  }

  /** Try at once if waiting to reconnect (e.g. the browser is back online). */
  reconnectNow(): void {
    if (this.status === 'reconnecting' && this.users > 0) {
      this.attempt = 0;
      this.connect();
    }
  }

  onStatus(listener: (status: LiveStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  private setStatus(status: LiveStatus): void {
    if (this.status === status) return;
    this.status = status;
    this.options.onStatus?.(status);
    for (const listener of this.statusListeners) listener(status);
  }

  private connect(): void {
    if (this.reconnectTimer) {
      clearTimeout(this.reconnectTimer);
      this.reconnectTimer = null;
    }
    this.dropSocket();
    this.setStatus(this.status === 'reconnecting' ? 'reconnecting' : 'connecting');
    let socket: SocketLike;
    try {
      const create = this.options.createSocket ?? ((url: string) => new WebSocket(url) as unknown as SocketLike);
      socket = create(this.options.url());
    } catch {
      this.scheduleReconnect(CLOSE.ABNORMAL);
      return;
    }
    this.socket = socket;
    const identity = this.options.identity();
    socket.onopen = () => {
      if (this.socket !== socket) return;
      if (!identity.signedIn) {
        this.sendRaw({ type: 'hello', visitor: identity.visitor });
        return;
      }
      // The cookie authenticates: the server greets at once. If it does not, the
      // session has ended: go on as an anonymous visitor and let the app know.
      this.welcomeTimer = setTimeout(() => {
        this.welcomeTimer = null;
        if (this.socket !== socket || this.connection) return;
        this.sendRaw({ type: 'hello', visitor: identity.visitor });
        this.options.onSessionLapsed?.();
      }, this.options.welcomeTimeoutMs);
    };
    socket.onmessage = (event) => {
      if (this.socket !== socket || typeof event.data !== 'string') return;
      const message = parseServerMessage(event.data);
      if (message) this.receive(message);
    };
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.lost(event.code);
    };
    socket.onerror = () => {
      // A close event follows.
    };
  }

  /** Forget the socket without reacting to its close. */
  private dropSocket(): void {
    const socket = this.socket;
    this.socket = null;
    this.clearTimers();
    this.failPending('closed');
    this.connection = null;
    this.serverRooms.clear();
    if (socket) {
      socket.onopen = socket.onmessage = socket.onclose = socket.onerror = null;
      try {
        socket.close(CLOSE.NORMAL, 'bye');
      } catch {
        // already closed
      }
    }
  }

  private shutdown(): void {
    this.dropSocket();
    if (this.reconnectTimer) {
      clearTimeout(this.reconnectTimer);
      this.reconnectTimer = null;
    }
    this.failWaiting('closed');
    this.setStatus('idle');
  }

  private clearTimers(): void {
    if (this.welcomeTimer) clearTimeout(this.welcomeTimer);
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.welcomeTimer = null;
    this.pingTimer = null;
  }

  private lost(code: number): void {
    this.clearTimers();
    this.failPending('closed');
    this.connection = null;
    this.serverRooms.clear();
    if (this.users === 0) {
      this.failWaiting('closed');
      this.setStatus('idle');
      return;
    }
    if (!shouldReconnect(code)) {
      this.failWaiting('closed');
      this.setStatus('failed');
      return;
    }
    this.scheduleReconnect(code);
  }

  private scheduleReconnect(code: number): void {
    this.setStatus('reconnecting');
    let delay = backoffDelay(this.attempt, this.options.backoffBaseMs, this.options.backoffMaxMs, this.options.random);
    if (code === CLOSE.RATE_LIMITED) delay = Math.max(delay, 5_000);
    this.attempt += 1;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      if (this.users > 0) this.connect();
    }, delay);
  }

  private onWelcome(message: MessageOf<'welcome'>): void {
    if (this.welcomeTimer) clearTimeout(this.welcomeTimer);
    this.welcomeTimer = null;
    this.connection = message.connection;
    this.user = message.user;
    this.iceServers = message.ice_servers ?? [];
    this.attempt = 0;
    this.setStatus('open');
    // What the pages hold, again (in this order, before anything they queued).
    for (const [room, intent] of this.rooms) this.sendJoin(room, intent);
    for (const intent of this.booths.values()) this.sendIntent({ type: 'enter_booth', booth: intent.value }, intent);
    for (const intent of this.watches.values()) this.sendIntent({ type: 'watch', target: intent.value }, intent);
    const queued = this.waiting;
    this.waiting = [];
    for (const item of queued) {
      clearTimeout(item.timer);
      this.sendRequest(item.message).then(item.resolve, item.reject);
    }
    this.pingTimer = setInterval(() => this.heartbeat(), this.options.pingIntervalMs);
  }

  /** A request that goes unanswered means a dead connection: start over. */
  private heartbeat(): void {
    const socket = this.socket;
    this.sendRequest({ type: 'ping', sent_at: Date.now() }).catch((err: unknown) => {
      if (err instanceof LiveError && err.code === 'timeout' && this.socket === socket && socket) {
        this.dropSocket();
        this.lost(CLOSE.ABNORMAL);
      }
    });
  }

  // ---- messages -------------------------------------------------------------

  /** Listen to one type of server message; returns the unsubscribe function. */
  on<T extends ServerType>(type: T, handler: Handler<T>): () => void {
    let set = this.handlers.get(type);
    if (!set) {
      set = new Set();
      this.handlers.set(type, set);
    }
    const wrapped = handler as (message: ServerMessage) => void;
    set.add(wrapped);
    return () => set.delete(wrapped);
  }

  private receive(message: ServerMessage): void {
    switch (message.type) {
      case 'welcome':
        this.onWelcome(message);
        break;
      case 'ack': {
        const pending = this.pending.get(message.id);
        if (pending) {
          this.pending.delete(message.id);
          clearTimeout(pending.timer);
          pending.resolve();
        }
        return;
      }
      case 'error': {
        const pending = message.id == null ? undefined : this.pending.get(message.id);
        if (pending && message.id != null) {
          this.pending.delete(message.id);
          clearTimeout(pending.timer);
          pending.reject(new LiveError(message.code, message.message));
          return;
        }
        break;
      }
      case 'pong': {
        const pending = this.pending.get(message.id);
        if (pending) {
          this.pending.delete(message.id);
          clearTimeout(pending.timer);
          pending.resolve();
        }
        return;
      }
      case 'room_joined': {
        this.serverRooms.add(message.room);
        const intent = this.rooms.get(message.room);
        if (intent && !intent.joined) {
          intent.joined = true;
          // A first join shows the latest messages only: nothing before them is missing.
          const first = Math.max(0, message.last_seq - FIRST_JOIN_HISTORY);
          if (intent.seen.through < first) intent.seen.through = first;
        }
        break;
      }
      case 'lobby_waiting':
        this.serverRooms.add(message.room);
        break;
      case 'rejected':
        this.serverRooms.delete(message.room);
        break;
      case 'chat': {
        const intent = this.rooms.get(message.room);
        // Resuming may overlap what was delivered: each sequence once.
        if (intent && !intent.seen.first(message.seq)) return;
        break;
      }
      default:
        break;
    }
    const set = this.handlers.get(message.type);
    if (set) for (const handler of [...set]) handler(message);
  }

  private sendRaw(message: ClientMessage): boolean {
    const socket = this.socket;
    if (!socket || socket.readyState !== OPEN) return false;
    try {
      socket.send(JSON.stringify(message));
      return true;
    } catch {
      return false;
    }
  }

  private sendRequest(message: Request): Promise<void> {
    const id = this.nextId++;
    return new Promise<void>((resolve, reject) => {
      if (!this.connection || !this.sendRaw({ ...message, id } as ClientMessage)) {
        reject(new LiveError('closed', 'not connected'));
        return;
      }
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new LiveError('timeout', `no answer to ${message.type}`));
      }, this.options.requestTimeoutMs);
      this.pending.set(id, { resolve, reject, timer });
    });
  }

  /**
   * Send a request and wait for its `ack`; rejects with the server's `error`. While
   * (re)connecting it waits for the connection, up to the request timeout, unless
   * `queue` is false (signalling: stale offers are worse than none).
   */
  request(message: Request, { queue = true }: { queue?: boolean } = {}): Promise<void> {
    if (this.connection) return this.sendRequest(message);
    if (!queue || this.users === 0 || this.status === 'failed') {
      return Promise.reject(new LiveError('closed', 'not connected'));
    }
    return new Promise<void>((resolve, reject) => {
      const item: Waiting = {
        message,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiting = this.waiting.filter((w) => w !== item);
          reject(new LiveError('timeout', `not connected in time for ${message.type}`));
        }, this.options.requestTimeoutMs),
      };
      this.waiting.push(item);
    });
  }

  private failPending(code: 'closed' | 'timeout'): void {
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const p of pending) {
      clearTimeout(p.timer);
      p.reject(new LiveError(code, 'connection closed'));
    }
  }

  private failWaiting(code: 'closed'): void {
    const waiting = this.waiting;
    this.waiting = [];
    for (const w of waiting) {
      clearTimeout(w.timer);
      w.reject(new LiveError(code, 'connection closed'));
    }
  }

  // ---- what pages hold --------------------------------------------------------

  private sendJoin(room: string, intent: RoomIntent): void {
    const message: Request = intent.joined
      ? { type: 'join_room', room, after_seq: intent.seen.through }
      : { type: 'join_room', room };
    this.sendRequest(message).catch((err: unknown) => {
      if (err instanceof LiveError && err.code !== 'closed') intent.onError?.(err);
    });
  }

  private sendIntent(message: Request, intent: { onError: Set<(err: LiveError) => void> }): void {
    this.sendRequest(message).catch((err: unknown) => {
      if (err instanceof LiveError && err.code !== 'closed') for (const onError of intent.onError) onError(err);
    });
  }

  /**
   * Be in a room until the returned function is called. Messages arrive through
   * `on('room_joined' | 'lobby_waiting' | 'chat' | ...)`; `onError` hears refusals
   * (also of the joins made again after a reconnect).
   */
  joinRoom(room: string, onError?: (err: LiveError) => void): () => void {
    const intent: RoomIntent = { seen: new SeqWindow(), joined: false, onError };
    this.rooms.set(room, intent);
    if (this.connection) {
      if (this.serverRooms.has(room)) {
        // In it already (a chat this tab started): leave first so the join brings
        // the room's state and history.
        this.sendRequest({ type: 'leave_room', room }).catch(() => undefined);
        this.serverRooms.delete(room);
      }
      this.sendJoin(room, intent);
    }
    return () => {
      if (this.rooms.get(room) !== intent) return;
      this.rooms.delete(room);
      if (this.connection) {
        this.sendRequest({ type: 'leave_room', room }).catch(() => undefined);
        this.serverRooms.delete(room);
      }
    };
  }

  /** The highest chat sequence delivered for a room (0: none). */
  lastSeq(room: string): number {
    return this.rooms.get(room)?.seen.highest ?? 0;
  }

  /** Be counted at a booth until the returned function is called. */
  enterBooth(booth: string, onError?: (err: LiveError) => void): () => void {
    return this.hold(this.booths, booth, booth, onError, { type: 'enter_booth', booth }, { type: 'leave_booth', booth });
  }

  /** Receive a target's updates until the returned function is called. */
  watch(target: WatchTarget, onError?: (err: LiveError) => void): () => void {
    return this.hold(this.watches, watchKey(target), target, onError, { type: 'watch', target }, { type: 'unwatch', target });
  }

  private hold<T>(
    map: Map<string, CountedIntent<T>>,
    key: string,
    value: T,
    onError: ((err: LiveError) => void) | undefined,
    enter: Request,
    leave: Request,
  ): () => void {
    let intent = map.get(key);
    const first = !intent;
    if (!intent) {
      intent = { value, count: 0, onError: new Set() };
      map.set(key, intent);
    }
    intent.count += 1;
    if (onError) intent.onError.add(onError);
    // A second holder shares the first one's updates (the server sends a snapshot
    // only to a new watch; booth and hall pages hold one each).
    if (this.connection && first) this.sendIntent(enter, intent);
    const held = intent;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (onError) held.onError.delete(onError);
      held.count -= 1;
      if (held.count === 0 && map.get(key) === held) {
        map.delete(key);
        if (this.connection) this.sendRequest(leave).catch(() => undefined);
      }
    };
  }

  /**
   * Start a chat with a named visitor at one's booth; resolves with the new room
   * (this connection is in it; `joinRoom` takes it over).
   */
  startChat(booth: string, visitor: string): Promise<string> {
    return new Promise<string>((resolve, reject) => {
      let acked = false;
      const off = this.on('room_joined', (message) => {
        if (!acked) return;
        off();
        resolve(message.room);
      });
      this.request({ type: 'start_chat', booth, visitor }).then(
        () => {
          acked = true;
        },
        (err: unknown) => {
          off();
          reject(err);
        },
      );
    });
  }
}
