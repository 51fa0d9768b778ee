// The peer bench-live measures the live service against: a minimal broadcast server
// on the npm package `ws`, answering the few client messages the benchmark sends
// (`hello`, `join_room`, `chat`, `ping`) in the shapes of the live protocol
// (crates/fair-live/src/protocol.rs). Rooms are in memory; nothing is stored, no
// member lists are sent, and a chat is serialised once and its bytes sent to every
// member of the room (the idiom of the `ws` README, minus the per-send string
// conversion).
//
//   PORT=9000 node server.js      (prints "listening <port>" once ready)

'use strict';

const { WebSocketServer } = require('ws');

const port = Number(process.env.PORT || 0);
const host = process.env.HOST || '127.0.0.1';

const wss = new WebSocketServer({
  host,
  port,
  path: '/api/v1/live',
  perMessageDeflate: false,
  maxPayload: 64 * 1024,
  clientTracking: false,
});

/** room id → Set of sockets */
const rooms = new Map();
/** room id → last sequence number */
const seqs = new Map();
let nextConnection = 1;

function send(ws, message) {
  ws.send(JSON.stringify(message));
}

wss.on('connection', (ws) => {
  const id = `peer.${nextConnection++}`;
  let authenticated = false;
  const joined = new Set();

  ws.on('message', (data, isBinary) => {
    if (isBinary) {
      ws.close(1003, 'binary frames are not part of the protocol');
      return;
    }
    let message;
    try {
      message = JSON.parse(data.toString());
    } catch (err) {
      send(ws, { type: 'error', id: null, code: 'malformed', message: 'not JSON' });
      return;
    }
    const requestId = typeof message.id === 'number' ? message.id : null;
    switch (message.type) {
      case 'hello':
        authenticated = true;
        send(ws, {
          type: 'welcome',
          protocol: 1,
          connection: id,
          user: null,
          heartbeat_seconds: 20,
          max_message_bytes: 64 * 1024,
        });
        return;
      case 'ping':
        send(ws, { type: 'pong', id: requestId, sent_at: message.sent_at ?? null });
        return;
      case 'join_room': {
        if (!authenticated) {
          send(ws, { type: 'error', id: requestId, code: 'unauthenticated', message: 'send hello first' });
          return;
        }
        const room = String(message.room);
        let members = rooms.get(room);
        if (!members) {
          members = new Set();
          rooms.set(room, members);
        }
        members.add(ws);
        joined.add(room);
        send(ws, { type: 'ack', id: requestId });
        send(ws, {
          type: 'room_joined',
          room,
          you: id,
          host: false,
          title: '',
          members: [],
          waiting: [],
          last_seq: seqs.get(room) || 0,
        });
        return;
      }
      case 'chat': {
        const room = String(message.room);
        const members = rooms.get(room);
        if (!members || !members.has(ws)) {
          send(ws, { type: 'error', id: requestId, code: 'not_in_room', message: 'join the room first' });
          return;
        }
        const seq = (seqs.get(room) || 0) + 1;
        seqs.set(room, seq);
        send(ws, { type: 'ack', id: requestId });
        const frame = Buffer.from(
          JSON.stringify({
            type: 'chat',
            room,
            seq,
            from: null,
            name: '',
            text: String(message.text),
            at: new Date().toISOString(),
          }),
        );
        for (const member of members) {
          member.send(frame, { binary: false });
        }
        return;
      }
      default:
        send(ws, { type: 'error', id: requestId, code: 'malformed', message: 'unknown message type' });
    }
  });

  ws.on('close', () => {
    for (const room of joined) {
      const members = rooms.get(room);
      if (members) {
        members.delete(ws);
        if (members.size === 0) rooms.delete(room);
      }
    }
  });
  ws.on('error', () => {});
});

wss.on('listening', () => {
  process.stdout.write(`listening ${wss.address().port}\n`);
});

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => process.exit(0));
}
