// The official Phoenix JavaScript client (npm `phoenix`, with its Presence helper) against a Hub:
// two users join a room, track presence, type, shout and leave, and every step is checked with
// what Phoenix's client reports. Run by PhoenixJsClientIntegrationTests, or by hand:
//
//   node phoenix-client.mjs --url ws://127.0.0.1:4000/socket --room lobby --vsn 2.0.0
//
// Options: --url (the socket URL without /websocket, as Phoenix's Socket takes it), --room,
// --vsn 2.0.0 (Phoenix 1.8's default serializer, arrays) or 1.0.0 (objects, Hub's default),
// --expect-user NAME (a user that is in the room already, e.g. the bridge's own, repeatable),
// --expect-shout-from NAME (wait for a shout by NAME sent by someone else, e.g. through the bridge).
// Prints progress lines `{"step": ...}` and a last line `{"result": ...}`; exits 0 when every check
// passed, 1 with `{"error": ...}` otherwise, 2 when a step timed out.
import assert from 'node:assert/strict';
import { parseArgs } from 'node:util';
import { Socket, Presence, Serializer } from 'phoenix';
import WebSocket from 'ws';

const { values: options } = parseArgs({
  options: {
    url: { type: 'string' },
    room: { type: 'string', default: 'phoenix-js' },
    vsn: { type: 'string', default: '2.0.0' },
    'expect-user': { type: 'string', multiple: true, default: [] },
    'expect-shout-from': { type: 'string' },
    timeout: { type: 'string', default: '20000' },
  },
});
assert.ok(options.url, '--url is required');
assert.ok(['1.0.0', '2.0.0'].includes(options.vsn), '--vsn must be 1.0.0 or 2.0.0');
const STEP_TIMEOUT_MS = Number(options.timeout);
const topic = 'room:' + options.room;

function step(name, detail = {}) {
  console.log(JSON.stringify({ step: name, ...detail }));
}

// Waits for a condition that the client's callbacks make true; checked on every event loop turn
// that the callbacks may have changed, with a deadline rather than a fixed pause.
function until(condition, what) {
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + STEP_TIMEOUT_MS;
    const check = () => {
      if (condition()) return resolve();
      if (Date.now() > deadline) return reject(Object.assign(new Error('timed out waiting for ' + what), { timeout: true }));
      setTimeout(check, 20);
    };
    check();
  });
}

// The frames each socket decoded, by shape, to prove which serializer was on the wire.
const frameShapes = { array: 0, object: 0 };

function socketOptions() {
  const watch = (raw) => {
    if (typeof raw === 'string') frameShapes[raw.startsWith('[') ? 'array' : 'object']++;
  };
  if (options.vsn === '2.0.0') {
    // Phoenix 1.8's own default serializer, only watched.
    return { transport: WebSocket, vsn: '2.0.0', decode: (raw, callback) => { watch(raw); Serializer.decode(raw, callback); } };
  }
  // V1 (Phoenix before 1.3's arrays): messages as JSON objects, as Phoenix's docs show for `encode`/`decode`.
  return {
    transport: WebSocket,
    vsn: '1.0.0',
    encode: (message, callback) => callback(JSON.stringify(message)),
    decode: (raw, callback) => { watch(raw); callback(JSON.parse(raw)); },
  };
}

// One user of Hub: a socket, its channel on the room, Phoenix's Presence and what it reported.
class User {
  constructor(name) {
    this.name = name;
    this.socket = new Socket(options.url, socketOptions());
    this.channel = this.socket.channel(topic, { username: name });
    this.presence = new Presence(this.channel);
    this.synced = [];
    this.joins = [];
    this.leaves = [];
    this.shouts = [];
    this.presence.onSync(() => { this.synced = this.list(); });
    this.presence.onJoin((key, current) => { if (!current) this.joins.push(key); });
    this.presence.onLeave((key, current) => { if (current.metas.length === 0) this.leaves.push(key); });
    this.channel.on('shout', (payload) => this.shouts.push(payload));
  }

  // What Presence.list reports: one entry per user (key), typing from its newest meta.
  list() {
    return this.presence
      .list((key, { metas }) => ({ username: key, typing: metas[metas.length - 1].typing, connections: metas.length }))
      .sort((a, b) => a.username.localeCompare(b.username));
  }

  usernames() {
    return this.synced.map((user) => user.username);
  }

  typing(username) {
    return this.synced.find((user) => user.username === username)?.typing;
  }

  connect() {
    this.socket.connect();
    return new Promise((resolve, reject) => {
      this.channel
        .join()
        .receive('ok', resolve)
        .receive('error', (reason) => reject(new Error(this.name + ' could not join: ' + JSON.stringify(reason))))
        .receive('timeout', () => reject(new Error(this.name + ': join timed out')));
    });
  }

  // Hub's `user:typing`: {"username","typing"}, answered with an ok reply.
  setTyping(typing) {
    return this.reply(this.channel.push('user:typing', { username: this.name, typing }), 'user:typing');
  }

  // Hub's `shout`: {"body","channel","name"}, broadcast to everyone, no reply.
  shout(body) {
    this.channel.push('shout', { body, channel: options.room, name: this.name });
  }

  leave() {
    return this.reply(this.channel.leave(), 'leave');
  }

  reply(push, what) {
    return new Promise((resolve, reject) => {
      push
        .receive('ok', resolve)
        .receive('error', (reason) => reject(new Error(what + ' refused: ' + JSON.stringify(reason))))
        .receive('timeout', () => reject(new Error(what + ' timed out')));
    });
  }

  disconnect() {
    return new Promise((resolve) => this.socket.disconnect(resolve));
  }
}

const suffix = options.vsn.replace(/\./g, '');
const aliceName = 'alice-' + suffix;
const bobName = 'bob-' + suffix;
const others = options['expect-user'];
const everyone = (...names) => [...others, ...names].sort((a, b) => a.localeCompare(b));

async function run() {
  const alice = new User(aliceName);
  const bob = new User(bobName);
  try {
    await alice.connect();
    await until(() => alice.usernames().includes(aliceName), aliceName + ' in its own presence');
    assert.deepEqual(alice.usernames(), everyone(aliceName));
    step('alice joined', { presence: alice.synced });

    await bob.connect();
    await until(() => alice.usernames().includes(bobName), bobName + ' in ' + aliceName + "'s presence");
    await until(() => bob.usernames().includes(bobName), bobName + ' in its own presence');
    assert.deepEqual(alice.usernames(), everyone(aliceName, bobName));
    assert.deepEqual(bob.usernames(), everyone(aliceName, bobName));
    assert.equal(alice.typing(bobName), false);
    step('bob joined', { presence: alice.synced });

    await bob.setTyping(true);
    await until(() => alice.typing(bobName) === true, bobName + ' typing in ' + aliceName + "'s presence");
    assert.deepEqual(alice.usernames(), everyone(aliceName, bobName), 'typing is no join or leave');
    step('bob typing', { presence: alice.synced });

    const body = 'hello from Phoenix ' + options.vsn + ' <b>not bold</b>';
    bob.shout(body);
    await until(() => alice.shouts.length > 0 && bob.shouts.length > 0, 'the shout at both users');
    const expected = { body, channel: options.room, name: bobName };
    assert.deepEqual(alice.shouts[0], expected);
    assert.deepEqual(bob.shouts[0], expected, 'the sender gets its own shout too');
    step('bob shouted', { shout: alice.shouts[0] });

    await bob.setTyping(false);
    await until(() => alice.typing(bobName) === false, bobName + ' no longer typing');
    step('bob stopped typing', { presence: alice.synced });

    let external = null;
    if (options['expect-shout-from']) {
      step('waiting for a shout', { from: options['expect-shout-from'] });
      await until(() => alice.shouts.some((shout) => shout.name === options['expect-shout-from']), 'a shout by ' + options['expect-shout-from']);
      external = alice.shouts.find((shout) => shout.name === options['expect-shout-from']);
      step('shout received', { shout: external });
    }

    await bob.leave();
    await until(() => !alice.usernames().includes(bobName), bobName + ' gone from ' + aliceName + "'s presence");
    assert.deepEqual(alice.usernames(), everyone(aliceName));
    assert.ok(alice.leaves.includes(bobName), 'onLeave reported ' + bobName);
    assert.ok(alice.joins.includes(bobName), 'onJoin reported ' + bobName);
    step('bob left', { presence: alice.synced });

    const wire = options.vsn === '2.0.0' ? 'array' : 'object';
    assert.ok(frameShapes[wire] > 0, 'frames decoded as ' + wire + 's');
    assert.equal(frameShapes[wire === 'array' ? 'object' : 'array'], 0, 'no frame of the other serializer');
    return {
      vsn: options.vsn,
      frames: frameShapes,
      presence: alice.synced,
      joins: alice.joins,
      leaves: alice.leaves,
      shouts: alice.shouts,
      external,
    };
  }
  finally {
    await Promise.all([alice.disconnect(), bob.disconnect()]);
  }
}

run().then(
  (result) => {
    console.log(JSON.stringify({ result }));
    process.exit(0);
  },
  (error) => {
    console.log(JSON.stringify({ error: String(error.message || error) }));
    process.exit(error.timeout ? 2 : 1);
  },
);
