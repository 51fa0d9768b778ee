// A video call among a room's members: a mesh (one RTCPeerConnection per other
// member, up to MAX_CALL people), signalled through the live connection's `signal`
// messages, with the "perfect negotiation" pattern: either side may offer whenever
// its media changes; on a collision the polite side (the larger member id) rolls
// back and answers, the impolite one ignores the other's offer.
//
// A pair's first negotiation avoids collisions by a rule: the impolite side starts
// (offering to receive only, if it has no camera or microphone); the polite side
// makes its connection when that offer comes. (Chromium could leave a polite side
// that rolled back its very first offer without ICE candidates: two people whose
// cameras started at the same moment then never connected.) Someone coming back
// after hanging up starts with everyone (the others forgot them). A pair that does
// not connect is started afresh by its impolite side: a hangup, then a new
// connection. So two people joining in any order connect. Members without camera or
// microphone still receive. Browser-only; the page owns the media and the elements.
import type { SignalData } from './protocol';

/** People in one call (a mesh grows as n²: beyond four, phones struggle). */
export const MAX_CALL = 4;

/** A pair not connected after this long is started afresh (then after twice as long, …). */
const CONNECT_PATIENCE_MS = 8_000;
/** A connection that dropped gets new ICE candidates if it is not back after this long. */
const DISCONNECTED_PATIENCE_MS = 5_000;

/**
 * ICE servers: those the server sent in `welcome` (STUN, and TURN with this user's
 * own short-lived credentials: `FAIR_LIVE_STUN_URLS`, `FAIR_LIVE_TURN_URLS`), else
 * `window.FAIR_ICE_SERVERS` if the operator set it, else none (which works on one
 * machine and on a LAN).
 */
export function iceServers(fromServer: RTCIceServer[] = []): RTCIceServer[] {
  if (fromServer.length > 0) return fromServer;
  const configured = (globalThis as { FAIR_ICE_SERVERS?: unknown }).FAIR_ICE_SERVERS;
  return Array.isArray(configured) ? (configured as RTCIceServer[]) : [];
}

/** Who is in the call: the MAX_CALL smallest member ids (every member computes the same set). */
export function callMembers(members: string[]): string[] {
  return [...new Set(members)].sort().slice(0, MAX_CALL);
}

/** The polite peer of a pair is the one with the larger member id. */
export function isPolite(me: string, other: string): boolean {
  return me > other;
}

export type PeerState = RTCPeerConnectionState | 'new';

export interface CallEvents {
  /** Send one signal to one member (through the live connection). */
  signal: (to: string, data: SignalData) => Promise<void>;
  /** A member's media arrived (or went: null). */
  stream: (member: string, stream: MediaStream | null) => void;
  state?: (member: string, state: PeerState) => void;
}

class Peer {
  readonly pc: RTCPeerConnection;
  readonly polite: boolean;
  private makingOffer = false;
  private ignoreOffer = false;
  private settingRemoteAnswer = false;
  /** Signals are handled one after another, in the order they came. */
  private chain: Promise<void> = Promise.resolve();
  private remote: MediaStream | null = null;
  private closed = false;
  /** Acts when the connection does not come up (or drops) for a while. */
  private watchdog: ReturnType<typeof setTimeout> | null = null;
  patienceMs = CONNECT_PATIENCE_MS;

  constructor(
    readonly member: string,
    me: string,
    private readonly events: CallEvents,
    local: MediaStream | null,
    /** Make the first offer (even without media of our own: to receive). */
    initiate: boolean,
    /** Called (on the impolite side) when the pair does not connect: start afresh. */
    private readonly stuck: (member: string) => void,
    patienceMs = CONNECT_PATIENCE_MS,
    ice: RTCIceServer[] = [],
  ) {
    this.patienceMs = patienceMs;
    this.polite = isPolite(me, member);
    this.pc = new RTCPeerConnection({ iceServers: ice });
    this.pc.onnegotiationneeded = () => void this.offer();
    this.pc.onicecandidate = ({ candidate }) => {
      if (!candidate || !candidate.candidate) return;
      this.send({
        kind: 'candidate',
        candidate: candidate.candidate,
        sdp_mid: candidate.sdpMid,
        sdp_mline_index: candidate.sdpMLineIndex,
      });
    };
    this.pc.ontrack = ({ track, streams }) => {
      const stream = streams[0] ?? this.remote ?? new MediaStream();
      if (!streams[0] && !stream.getTracks().includes(track)) stream.addTrack(track);
      this.remote = stream;
      this.events.stream(this.member, stream);
    };
    this.pc.onconnectionstatechange = () => {
      const state = this.pc.connectionState;
      this.events.state?.(this.member, state);
      if (state === 'connected') {
        this.disarm();
      } else if (state === 'failed') {
        this.giveUp();
      } else if (state === 'disconnected') {
        this.arm(DISCONNECTED_PATIENCE_MS, true);
      }
    };
    if (local) this.addLocal(local);
    else if (initiate) {
      this.pc.addTransceiver('audio', { direction: 'recvonly' });
      this.pc.addTransceiver('video', { direction: 'recvonly' });
    }
    this.arm(this.patienceMs);
  }

  /** Watch the pair: if not connected in `ms`, try new ICE candidates (`ice`) or start afresh. */
  private arm(ms: number, ice = false): void {
    this.disarm();
    this.watchdog = setTimeout(() => {
      this.watchdog = null;
      if (this.closed || this.pc.connectionState === 'connected') return;
      if (ice && this.pc.remoteDescription && !this.polite) {
        this.pc.restartIce();
        this.arm(this.patienceMs);
      } else {
        this.giveUp();
      }
    }, ms);
  }

  private disarm(): void {
    if (this.watchdog) clearTimeout(this.watchdog);
    this.watchdog = null;
  }

  /** The impolite side starts the pair afresh; the polite side waits for it. */
  private giveUp(): void {
    if (this.closed) return;
    if (this.polite) {
      this.arm(this.patienceMs * 2);
      return;
    }
    this.stuck(this.member);
  }

  private send(data: SignalData): void {
    if (this.closed) return;
    this.events.signal(this.member, data).catch(() => {
      // The other left, or the connection is down: the room's events will tidy up.
    });
  }

  private async offer(): Promise<void> {
    try {
      this.makingOffer = true;
      await this.pc.setLocalDescription();
      const description = this.pc.localDescription;
      if (description && description.type === 'offer') this.send({ kind: 'offer', sdp: description.sdp });
    } catch (err) {
      console.warn('making an offer failed', err);
    } finally {
      this.makingOffer = false;
    }
  }

  addLocal(stream: MediaStream): void {
    const sending = new Set(this.pc.getSenders().map((s) => s.track));
    for (const track of stream.getTracks()) {
      if (!sending.has(track)) this.pc.addTrack(track, stream);
    }
  }

  handle(data: SignalData): Promise<void> {
    this.chain = this.chain.then(() => this.apply(data)).catch((err: unknown) => console.warn('signalling failed', err));
    return this.chain;
  }

  private async apply(data: SignalData): Promise<void> {
    if (this.closed) return;
    switch (data.kind) {
      case 'offer':
      case 'answer': {
        const readyForOffer = !this.makingOffer && (this.pc.signalingState === 'stable' || this.settingRemoteAnswer);
        const collision = data.kind === 'offer' && !readyForOffer;
        this.ignoreOffer = !this.polite && collision;
        if (this.ignoreOffer) return;
        if (data.kind === 'answer' && this.pc.signalingState !== 'have-local-offer') return;
        this.settingRemoteAnswer = data.kind === 'answer';
        await this.pc.setRemoteDescription({ type: data.kind, sdp: data.sdp });
        this.settingRemoteAnswer = false;
        if (data.kind === 'offer') {
          await this.pc.setLocalDescription();
          const description = this.pc.localDescription;
          if (description) this.send({ kind: 'answer', sdp: description.sdp });
        }
        return;
      }
      case 'candidate':
        try {
          await this.pc.addIceCandidate({
            candidate: data.candidate,
            sdpMid: data.sdp_mid,
            sdpMLineIndex: data.sdp_mline_index,
          });
        } catch (err) {
          if (!this.ignoreOffer) throw err;
        }
        return;
      case 'hangup':
        return;
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.disarm();
    this.pc.onnegotiationneeded = this.pc.onicecandidate = this.pc.ontrack = this.pc.onconnectionstatechange = null;
    this.pc.close();
  }
}

export class MeshCall {
  private peers = new Map<string, Peer>();
  private local: MediaStream | null = null;
  /** Members who hung up: no connection until they offer again. */
  private away = new Set<string>();
  /** Members to start with even where we are the polite side (they forgot us). */
  private announce = new Set<string>();
  /** Patience per member, growing each time a pair is started afresh. */
  private patience = new Map<string, number>();
  private me: string;
  private active = true;

  /**
   * `returning`: we hung up earlier in this room (the others dropped us): start the
   * connection with everyone, whoever is polite.
   */
  constructor(
    me: string,
    private readonly events: CallEvents,
    { returning = false, ice = [] }: { returning?: boolean; ice?: RTCIceServer[] } = {},
  ) {
    this.me = me;
    this.returning = returning;
    this.ice = ice;
  }

  private readonly ice: RTCIceServer[];

  private returning: boolean;

  /** Our own media (camera and microphone), once we have it: sent to everyone. */
  setLocal(stream: MediaStream | null): void {
    this.local = stream;
    if (stream) for (const peer of this.peers.values()) peer.addLocal(stream);
  }

  /** Bring the call in line with the room's members (call on every change). */
  sync(members: string[]): void {
    if (!this.active) return;
    const inCall = callMembers(members);
    if (!inCall.includes(this.me)) {
      for (const member of [...this.peers.keys()]) this.drop(member);
      return;
    }
    for (const member of [...this.peers.keys()]) if (!inCall.includes(member)) this.drop(member);
    for (const member of inCall) {
      if (member === this.me || this.away.has(member) || this.peers.has(member)) continue;
      if (this.returning) this.announce.add(member);
      // The impolite side starts; the polite one waits for its offer.
      if (!isPolite(this.me, member) || this.announce.has(member)) this.peer(member, true);
    }
    this.returning = false;
  }

  private peer(member: string, initiate: boolean): Peer {
    let peer = this.peers.get(member);
    if (!peer) {
      peer = new Peer(
        member,
        this.me,
        this.events,
        this.local,
        initiate,
        (m) => this.restart(m),
        this.patience.get(member),
        this.ice,
      );
      this.peers.set(member, peer);
      this.announce.delete(member);
      this.events.state?.(member, 'new');
    }
    return peer;
  }

  /** A pair that did not connect (we are its impolite side): hang up, then start afresh. */
  private restart(member: string): void {
    const peer = this.peers.get(member);
    if (!peer || !this.active) return;
    this.patience.set(member, Math.min(peer.patienceMs * 2, 60_000));
    this.events.signal(member, { kind: 'hangup' }).catch(() => undefined);
    this.drop(member);
    this.peer(member, true);
  }

  /** A signal from a member (already checked to be in the room). */
  handle(from: string, data: SignalData, members: string[]): void {
    if (!this.active || from === this.me) return;
    if (data.kind === 'hangup') {
      this.away.add(from);
      this.drop(from);
      return;
    }
    const inCall = callMembers(members);
    if (!inCall.includes(from) || !inCall.includes(this.me)) return;
    // A connection starts with an offer; anything else for a pair we do not have is stale.
    if (!this.peers.has(from) && data.kind !== 'offer') return;
    this.away.delete(from);
    void this.peer(from, false).handle(data);
  }

  /** Close the connection with one member (they left, or the call is full). */
  drop(member: string): void {
    const peer = this.peers.get(member);
    if (!peer) return;
    peer.close();
    this.peers.delete(member);
    this.events.stream(member, null);
  }

  /** Our member id changed (the live connection came back): everyone sees a newcomer. */
  rejoin(me: string, members: string[]): void {
    for (const member of [...this.peers.keys()]) this.drop(member);
    this.away.clear();
    this.announce.clear();
    this.me = me;
    this.active = true;
    this.sync(members);
  }

  /** Leave the call: tell everyone, close every connection (the room stays). */
  hangUp(): void {
    for (const member of this.peers.keys()) {
      this.events.signal(member, { kind: 'hangup' }).catch(() => undefined);
    }
    for (const member of [...this.peers.keys()]) this.drop(member);
    this.active = false;
  }

  get connected(): string[] {
    return [...this.peers.keys()];
  }
}

export type MediaProblem = 'denied' | 'no_device' | 'insecure' | 'unsupported' | 'failed';

/** Camera and microphone; falls back to the microphone alone when there is no camera. */
export async function openMedia(): Promise<{ stream: MediaStream | null; problem: MediaProblem | null }> {
  if (typeof window !== 'undefined' && !window.isSecureContext) return { stream: null, problem: 'insecure' };
  const devices = typeof navigator === 'undefined' ? undefined : navigator.mediaDevices;
  if (!devices?.getUserMedia) return { stream: null, problem: 'unsupported' };
  try {
    const stream = await devices.getUserMedia({
      audio: { echoCancellation: true, noiseSuppression: true },
      video: { width: { ideal: 640 }, height: { ideal: 480 }, frameRate: { ideal: 24 } },
    });
    return { stream, problem: null };
  } catch (err) {
    const name = err instanceof DOMException ? err.name : '';
    if (name === 'NotAllowedError' || name === 'SecurityError') return { stream: null, problem: 'denied' };
    if (name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'NotReadableError') {
      try {
        const stream = await devices.getUserMedia({ audio: true });
        return { stream, problem: 'no_device' };
      } catch {
        return { stream: null, problem: 'no_device' };
      }
    }
    return { stream: null, problem: 'failed' };
  }
}
