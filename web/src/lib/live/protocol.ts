// The live protocol, version 1: what crosses `GET /api/v1/live` as JSON text frames
// tagged by `type`. Mirrors `crates/fair-live/src/protocol.rs` (the closed
// `ClientMessage` / `ServerMessage` enums) field for field; ids are UUID strings,
// instants RFC 3339 strings. Requests carry a numeric `id`, answered by `ack` or
// `error` with the same id.

export const PROTOCOL_VERSION = 1;

/** Close codes the server uses besides the standard ones. */
export const CLOSE = {
  NORMAL: 1000,
  /** The server is shutting down: reconnect (to any instance). */
  GOING_AWAY: 1001,
  /** A binary frame (the protocol is text only). */
  UNSUPPORTED_DATA: 1003,
  /** No close frame at all: the network or the server went away. */
  ABNORMAL: 1006,
  TOO_BIG: 1009,
  /** Not authenticated in time. */
  AUTH_TIMEOUT: 4001,
  /** The ticket was unknown, used or expired. */
  BAD_TICKET: 4002,
  /** No frame within the heartbeat limit. */
  HEARTBEAT_TIMEOUT: 4003,
  RATE_LIMITED: 4008,
  /** The connection could not keep up. */
  SLOW_CONSUMER: 4009,
  /** The session ended (signed out elsewhere, expired) or the account was disabled. */
  SIGNED_OUT: 4010,
  /** Too many malformed or unknown messages. */
  PROTOCOL_ABUSE: 4400,
} as const;

export type WatchTarget = { kind: 'booth'; booth: string } | { kind: 'hall'; hall: string } | { kind: 'dashboard' };

export type SignalData =
  | { kind: 'offer'; sdp: string }
  | { kind: 'answer'; sdp: string }
  | { kind: 'candidate'; candidate: string; sdp_mid: string | null; sdp_mline_index: number | null }
  | { kind: 'hangup' };

/** What a client sends. `id` is filled in by the client for requests. */
export type ClientMessage =
  | { type: 'auth'; id?: number | null; ticket: string }
  | { type: 'hello'; id?: number | null; visitor: string }
  | { type: 'join_room'; id: number; room: string; after_seq?: number | null }
  | { type: 'leave_room'; id: number; room: string }
  | { type: 'chat'; id: number; room: string; text: string }
  | { type: 'signal'; id: number; room: string; to: string; data: SignalData }
  | { type: 'admit'; id: number; room: string; member: string }
  | { type: 'reject'; id: number; room: string; member: string }
  | { type: 'enter_booth'; id: number; booth: string }
  | { type: 'leave_booth'; id: number; booth: string }
  | { type: 'start_chat'; id: number; booth: string; visitor: string }
  | { type: 'watch'; id: number; target: WatchTarget }
  | { type: 'unwatch'; id: number; target: WatchTarget }
  | { type: 'ping'; id: number; sent_at?: number | null };

/** A request as the caller writes it: the client adds the `id`. */
export type Request = ClientMessage extends infer M ? (M extends { id: number } ? Omit<M, 'id'> : never) : never;

/** Who someone is, as shown to others. */
export interface Person {
  user_id: string | null;
  name: string;
  /** `organiser`, `exhibitor`, `buyer` or `visitor`. */
  role: string;
  company: string | null;
  country: string | null;
}

/** A connection in a room (one person may be in with several tabs). */
export interface RoomMember extends Person {
  member: string;
  host: boolean;
}

export interface ChatLine {
  seq: number;
  from: string | null;
  name: string;
  text: string;
  at: string;
}

export interface BoothVisitor {
  key: string;
  name: string | null;
  company: string | null;
  country: string | null;
  user_id: string | null;
}

export interface HallBooth {
  booth: string;
  slug: string;
  name: string;
  stand: string | null;
  visitors: number;
}

export interface MeetingFigures {
  scheduled_today: number;
  upcoming: number;
  in_progress: number;
  /** Online meetings whose room both sides entered. */
  done: number;
  /** Online meetings over whose room one side never entered. */
  no_show: number;
  /** On-site meetings over. */
  ended_onsite: number;
}

export interface DashboardFigures {
  at: string;
  online: number;
  online_by_role: Record<string, number>;
  buyers_by_country: Record<string, number>;
  booths: HallBooth[];
  halls: Record<string, number>;
  meetings: MeetingFigures;
  messages_last_minute: number;
}

export type ErrorCode =
  | 'malformed'
  | 'invalid_message'
  | 'unauthenticated'
  | 'already_authenticated'
  | 'forbidden'
  | 'not_found'
  | 'not_in_room'
  | 'no_such_member'
  | 'not_host'
  | 'meeting_not_open'
  | 'text_too_long'
  | 'empty_text'
  | 'rate_limited'
  | 'too_many'
  | 'unavailable';

/** An ICE server (the browser's RTCIceServer). */
export interface IceServer {
  urls: string[];
  username?: string;
  credential?: string;
}

/** What the server sends. */
export type ServerMessage =
  | {
      type: 'welcome';
      protocol: number;
      connection: string;
      user: Person | null;
      heartbeat_seconds: number;
      max_message_bytes: number;
      /** STUN and TURN servers for calls (TURN with this user's own credentials). */
      ice_servers?: IceServer[];
    }
  | { type: 'ack'; id: number }
  | { type: 'error'; id: number | null; code: ErrorCode; message: string }
  | { type: 'pong'; id: number; sent_at: number | null }
  | {
      type: 'room_joined';
      room: string;
      you: string;
      host: boolean;
      title: string;
      members: RoomMember[];
      waiting: RoomMember[];
      last_seq: number;
    }
  | { type: 'lobby_waiting'; room: string }
  | { type: 'lobby'; room: string; waiting: RoomMember[] }
  | { type: 'rejected'; room: string }
  | { type: 'member_joined'; room: string; member: RoomMember }
  | { type: 'member_left'; room: string; member: string }
  | ({ type: 'chat'; room: string } & ChatLine)
  | { type: 'signal'; room: string; from: string; data: SignalData }
  | { type: 'booth_visitors'; booth: string; visitors: BoothVisitor[]; anonymous: number }
  | { type: 'visitor_joined'; booth: string; visitor: BoothVisitor }
  | { type: 'visitor_left'; booth: string; key: string }
  | { type: 'chat_invite'; room: string; booth: string; from: string; company: string }
  | { type: 'hall'; hall: string; at: string; booths: HallBooth[] }
  | ({ type: 'dashboard' } & DashboardFigures);

export type ServerType = ServerMessage['type'];
export type MessageOf<T extends ServerType> = Extract<ServerMessage, { type: T }>;

/** A stable key for a watch target (to keep one watch per target). */
export function watchKey(target: WatchTarget): string {
  switch (target.kind) {
    case 'booth':
      return `booth:${target.booth}`;
    case 'hall':
      return `hall:${target.hall}`;
    case 'dashboard':
      return 'dashboard';
  }
}

/** Parse a frame; `null` when it is not an object with a string `type`. */
export function parseServerMessage(text: string): ServerMessage | null {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string') {
      return value as ServerMessage;
    }
  } catch {
    // not JSON
  }
  return null;
}
