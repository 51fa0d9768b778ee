import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { iceServers, MeshCall } from '../src/lib/live/call';
import type { SignalData } from '../src/lib/live/protocol';

/** Just enough of RTCPeerConnection to see who starts a pair. */
class FakePeerConnection {
  static made: FakePeerConnection[] = [];
  onnegotiationneeded: (() => void) | null = null;
  onicecandidate: ((event: { candidate: null }) => void) | null = null;
  ontrack: (() => void) | null = null;
  onconnectionstatechange: (() => void) | null = null;
  connectionState = 'new';
  signalingState = 'stable';
  remoteDescription: { type: string; sdp: string } | null = null;
  localDescription: { type: string; sdp: string } | null = null;
  transceivers: string[] = [];
  tracks: string[] = [];
  closed = false;
  config: { iceServers?: unknown } | undefined;
  constructor(config?: { iceServers?: unknown }) {
    this.config = config;
    FakePeerConnection.made.push(this);
  }
  private needed = false;
  /** Browsers fire one negotiationneeded for a batch of changes. */
  private negotiate() {
    if (this.needed) return;
    this.needed = true;
    queueMicrotask(() => {
      this.needed = false;
      this.onnegotiationneeded?.();
    });
  }
  addTransceiver(kind: string) {
    this.transceivers.push(kind);
    this.negotiate();
  }
  addTrack(track: { kind: string }) {
    this.tracks.push(track.kind);
    this.negotiate();
  }
  getSenders() {
    return [];
  }
  async setLocalDescription() {
    this.localDescription = { type: this.remoteDescription?.type === 'offer' ? 'answer' : 'offer', sdp: 'local' };
    this.signalingState = this.localDescription.type === 'offer' ? 'have-local-offer' : 'stable';
  }
  async setRemoteDescription(description: { type: string; sdp: string }) {
    this.remoteDescription = description;
    this.signalingState = description.type === 'offer' ? 'have-remote-offer' : 'stable';
  }
  async addIceCandidate() {}
  restartIce() {}
  close() {
    this.closed = true;
  }
}

function mesh(me: string, options?: { returning?: boolean; ice?: RTCIceServer[] }) {
  const sent: { to: string; data: SignalData }[] = [];
  const call = new MeshCall(
    me,
    {
      signal: async (to, data) => {
        sent.push({ to, data });
      },
      stream: () => undefined,
    },
    options,
  );
  return { call, sent };
}

const flush = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

beforeEach(() => {
  vi.useFakeTimers();
  FakePeerConnection.made = [];
  (globalThis as Record<string, unknown>).RTCPeerConnection = FakePeerConnection;
});
afterEach(() => {
  vi.useRealTimers();
  delete (globalThis as Record<string, unknown>).RTCPeerConnection;
});

describe('mesh call', () => {
  it('the impolite side (smaller member id) starts a pair, to receive when it has no media', async () => {
    const { call, sent } = mesh('n.1');
    call.sync(['n.1', 'n.2']);
    await flush();
    expect(FakePeerConnection.made).toHaveLength(1);
    expect(FakePeerConnection.made[0]?.transceivers).toEqual(['audio', 'video']);
    expect(sent.map((s) => [s.to, s.data.kind])).toContainEqual(['n.2', 'offer']);
  });

  it('the polite side waits for the offer, then answers', async () => {
    const { call, sent } = mesh('n.2');
    call.sync(['n.1', 'n.2']);
    await flush();
    expect(FakePeerConnection.made).toHaveLength(0);
    call.handle('n.1', { kind: 'candidate', candidate: 'c', sdp_mid: '0', sdp_mline_index: 0 }, ['n.1', 'n.2']);
    expect(FakePeerConnection.made).toHaveLength(0);
    call.handle('n.1', { kind: 'offer', sdp: 'o' }, ['n.1', 'n.2']);
    await flush();
    expect(FakePeerConnection.made).toHaveLength(1);
    expect(sent.map((s) => s.data.kind)).toEqual(['answer']);
  });

  it('someone back after hanging up starts with everyone; the others drop a member who hangs up', async () => {
    const back = mesh('n.2', { returning: true });
    back.call.sync(['n.1', 'n.2']);
    await flush();
    expect(back.sent.map((s) => s.data.kind)).toContain('offer');

    const other = mesh('n.1');
    other.call.sync(['n.1', 'n.2']);
    await flush();
    other.call.handle('n.2', { kind: 'hangup' }, ['n.1', 'n.2']);
    expect(other.call.connected).toEqual([]);
    other.call.sync(['n.1', 'n.2']);
    expect(other.call.connected).toEqual([]);
    other.call.handle('n.2', { kind: 'offer', sdp: 'o' }, ['n.1', 'n.2']);
    expect(other.call.connected).toEqual(['n.2']);
  });

  it('a pair that does not connect is started afresh by its impolite side', async () => {
    const { call, sent } = mesh('n.1');
    call.sync(['n.1', 'n.2']);
    await flush();
    const first = FakePeerConnection.made[0];
    sent.length = 0;
    await vi.advanceTimersByTimeAsync(8_000);
    expect(first?.closed).toBe(true);
    expect(FakePeerConnection.made).toHaveLength(2);
    expect(sent.map((s) => s.data.kind)).toEqual(['hangup', 'offer']);
    // The polite side only waits.
    const polite = mesh('n.2');
    polite.call.handle('n.1', { kind: 'offer', sdp: 'o' }, ['n.1', 'n.2']);
    await flush();
    polite.sent.length = 0;
    await vi.advanceTimersByTimeAsync(30_000);
    expect(polite.sent).toEqual([]);
  });
});

describe('ICE servers', () => {
  const turn = { urls: ['turn:turn.example.vn:3478'], username: '1790043200:u1', credential: 'c' };

  it('uses what the server sent, else the operator global, else none', () => {
    expect(iceServers()).toEqual([]);
    (globalThis as Record<string, unknown>).FAIR_ICE_SERVERS = [{ urls: ['stun:operator.example.vn'] }];
    try {
      expect(iceServers()).toEqual([{ urls: ['stun:operator.example.vn'] }]);
      expect(iceServers([turn])).toEqual([turn]);
    } finally {
      delete (globalThis as Record<string, unknown>).FAIR_ICE_SERVERS;
    }
  });

  it('gives every peer connection of the call the servers', () => {
    const { call } = mesh('a', { ice: [turn] });
    call.sync(['a', 'b', 'c']);
    expect(FakePeerConnection.made.length).toBeGreaterThan(0);
    for (const pc of FakePeerConnection.made) expect(pc.config?.iceServers).toEqual([turn]);
  });
});
