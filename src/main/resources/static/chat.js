// The chat page: EventSource for the room's stream, fetch for posting and reading. No build step,
// no library. Text from the stream is always set with textContent, never parsed as HTML.
//
// Recovery: an EventSource reconnects by itself after a dropped stream and sends Last-Event-ID, so
// the bridge replays what was missed (or sends `reset` and a fresh `presence`). When the browser
// gives up (an HTTP error such as 503 or 429 ends an EventSource for good), the page asks the same
// URL with fetch to show the problem's detail, waits (Retry-After, else a growing delay) and opens
// a new EventSource from the last event id it saw.
//
// Tabs: the tabs of a browser that show the same room share one stream. The tab holding the room's
// Web Lock (the leader) opens the EventSource and passes every event, and the stream's state, to the
// others over a BroadcastChannel; a tab that opens the room later asks the leader for the current
// users and states. When the leader goes, the next tab takes the lock and resumes the stream from
// the last event id it saw. So a browser holds one connection per room however many tabs show it
// (over HTTP/1.1 a browser opens at most 6 connections to a host). Where Web Locks are missing
// (pages served over plain HTTP from another host than localhost), each tab has its own stream.
(() => {
  'use strict';

  const $ = (id) => document.getElementById(id);
  const MAX_MESSAGES = 500;
  const SEEN_IDS = 2000;

  const page = {
    room: null,
    name: null,
    source: null,
    lastEventId: null,
    retryTimer: null,
    attempts: 0,
    upstreamJoined: false,
    lostHub: false,
    users: new Map(), // username -> {username, typing, connections}
    seen: new Set(), // event ids already shown: a replay never shows a shout twice
    seenOrder: [],
    leader: false, // this tab holds the room's stream (shared with the room's other tabs)
    channel: null, // BroadcastChannel to the room's other tabs
    releaseLock: null,
    stream: { state: 'idle', text: 'not connected' },
    upstream: { state: 'idle', text: 'Hub: –', reason: '' },
  };
  const SHARED = Boolean(navigator.locks) && typeof BroadcastChannel === 'function';
  window.hubChat = page; // for curious users and the browser tests; holds no secret

  const params = new URLSearchParams(location.search);
  $('name').value = params.get('name') || localStorage.getItem('hub-bridge.name') || '';
  if (params.get('room')) $('room').value = params.get('room');
  $('join').addEventListener('submit', (e) => { e.preventDefault(); openRoom(); });
  $('send').addEventListener('submit', (e) => { e.preventDefault(); send(); });

  function openRoom() {
    const room = $('room').value.trim();
    const name = $('name').value.trim();
    if (!$('join').reportValidity() || !room || !name) return;
    page.room = room;
    page.name = name;
    localStorage.setItem('hub-bridge.name', name);
    history.replaceState(null, '', '?room=' + encodeURIComponent(room) + '&name=' + encodeURIComponent(name));
    document.title = room + ' · hub-bridge chat';
    $('room-title').textContent = '#' + room;
    $('messages').replaceChildren();
    $('error').textContent = '';
    $('message').placeholder = 'Message #' + room + ' as ' + name;
    page.users.clear();
    page.seen.clear();
    page.seenOrder = [];
    page.lastEventId = null;
    page.attempts = 0;
    page.upstreamJoined = false;
    page.lostHub = false;
    renderUsers();
    showUpstreamText('idle', 'Hub: –');
    setComposer(true); // posting needs no stream: the bridge opens the room for a post too
    leaveRoomTabs();
    if (SHARED) shareRoom(room);
    else connect();
  }

  function leaveRoomTabs() {
    clearTimeout(page.retryTimer);
    if (page.source) page.source.close();
    page.source = null;
    if (page.channel) page.channel.close();
    page.channel = null;
    if (page.releaseLock) page.releaseLock();
    page.releaseLock = null;
    page.leader = false;
  }

  // One stream per room per browser: the lock's holder streams, the other tabs listen.
  function shareRoom(room) {
    const channel = new BroadcastChannel('hub-bridge.room.' + room);
    page.channel = channel;
    channel.onmessage = ({ data: m }) => {
      if (channel !== page.channel) return;
      if (page.leader) {
        if (m.kind === 'hello') broadcast({ kind: 'snapshot', users: [...page.users.values()], stream: page.stream, upstream: page.upstream, lastEventId: page.lastEventId });
        return;
      }
      if (m.kind === 'event') dispatch(m.type, m.data, m.id);
      else if (m.kind === 'stream') showStream(m.stream.state, m.stream.text);
      else if (m.kind === 'snapshot') {
        if (!page.lastEventId) page.lastEventId = m.lastEventId;
        page.users = new Map(m.users.map((u) => [u.username, u]));
        renderUsers();
        trackUpstream(m.upstream.state, null);
        showUpstreamText(m.upstream.state, m.upstream.text, m.upstream.reason);
        showStream(m.stream.state, m.stream.text);
        loadRecentShouts();
      }
    };
    showStream('connecting', 'connecting…');
    channel.postMessage({ kind: 'hello' });
    navigator.locks.request('hub-bridge.room.' + room, () => {
      if (channel !== page.channel) return undefined; // this tab has left the room meanwhile
      page.leader = true;
      connect();
      return new Promise((resolve) => { page.releaseLock = resolve; });
    });
  }

  function broadcast(message) {
    if (page.leader && page.channel) page.channel.postMessage(message);
  }

  // An event of the room's stream, from this tab's EventSource or the leader's.
  function dispatch(type, data, id) {
    if (id) page.lastEventId = id;
    if (id && remember(id)) return; // already shown
    const handle = handlers[type];
    if (handle) handle(JSON.parse(data), id);
  }

  const handlers = {
    presence: onPresence,
    shout: addShout,
    join: (j) => { setUser(j.username, { typing: false }); note(j.username + ' joined'); },
    leave: (l) => { page.users.delete(l.username); renderUsers(); note(l.username + ' left'); },
    typing: (t) => { if (page.users.has(t.username)) setUser(t.username, { typing: t.typing === true }); },
    upstream: onUpstream,
    reset: () => note('Some events could not be replayed (the bridge no longer had them); the list of users is fresh.'),
    shutdown: () => { if (page.leader || !SHARED) setStream('interrupted', 'bridge restarting, reconnecting…'); },
  };

  function eventsUrl() {
    const url = '/api/rooms/' + encodeURIComponent(page.room) + '/events';
    // a fresh EventSource cannot set Last-Event-ID; the header it sends on its own reconnects wins
    return page.lastEventId ? url + '?last_event_id=' + encodeURIComponent(page.lastEventId) : url;
  }

  function connect() {
    clearTimeout(page.retryTimer);
    if (page.source) page.source.close();
    setStream('connecting', 'connecting…');
    const source = new EventSource(eventsUrl());
    page.source = source;
    for (const type of Object.keys(handlers)) {
      source.addEventListener(type, (e) => {
        if (source !== page.source) return;
        broadcast({ kind: 'event', type, data: e.data, id: e.lastEventId });
        dispatch(type, e.data, e.lastEventId);
      });
    }
    source.onopen = () => {
      if (source !== page.source) return;
      page.attempts = 0;
      setStream('live', 'live');
    };
    source.onerror = () => {
      if (source !== page.source) return;
      if (source.readyState === EventSource.CLOSED) {
        recover();
      } else {
        setStream('interrupted', 'stream interrupted, reconnecting…');
      }
    };
  }

  // The browser gave up on the stream: find out why, say so, and try again.
  async function recover() {
    const source = page.source;
    source.close();
    setStream('interrupted', 'stream closed, retrying…');
    page.attempts++;
    let delay = Math.min(30000, 1000 * 2 ** Math.min(page.attempts - 1, 5));
    try {
      const controller = new AbortController();
      const res = await fetch(eventsUrl(), { headers: { Accept: 'text/event-stream' }, signal: controller.signal });
      if (source !== page.source) return controller.abort(); // the room was changed meanwhile
      if (res.ok) controller.abort(); // only the status was wanted; the stream itself is EventSource's
      if (!res.ok) {
        const problem = await problemOf(res);
        showError(problem);
        const retryAfter = Number(res.headers.get('Retry-After'));
        if (retryAfter > 0) delay = retryAfter * 1000;
        if ([400, 401, 403, 404].includes(res.status)) {
          setStream('failed', 'stream refused (HTTP ' + res.status + ')');
          return; // asking again would get the same answer
        }
      } else {
        delay = 0;
      }
    } catch (err) {
      // the bridge is unreachable: keep trying
    }
    if (source !== page.source) return;
    setStream('interrupted', delay ? 'stream closed, retrying in ' + Math.round(delay / 1000) + ' s…' : 'reconnecting…');
    page.retryTimer = setTimeout(connect, delay);
  }

  function onPresence(p) {
    const first = page.users.size === 0 && $('messages').children.length === 0;
    page.users.clear();
    for (const u of p.users) page.users.set(u.username, u);
    renderUsers();
    trackUpstream(p.upstream, null);
    showUpstream(p.upstream, null);
    if (first) loadRecentShouts();
  }

  function onUpstream(u) {
    trackUpstream(u.state, u.reason);
    showUpstream(u.state, u);
  }

  // Each state is shown in the pill (the reason in its tooltip); the list of messages only
  // notes losing Hub and getting it back, not every attempt in between.
  function trackUpstream(state, reason) {
    const joined = state === 'joined';
    if (page.upstreamJoined && !joined) {
      page.lostHub = true;
      note('Lost the connection to Hub' + (reason ? ' (' + reason + ')' : '') + '; retrying. Shouts cannot be delivered meanwhile.');
    } else if (joined && page.lostHub) {
      page.lostHub = false;
      note('Connected to Hub again.');
    }
    page.upstreamJoined = joined;
  }

  function showUpstream(state, u) {
    const labels = {
      connecting: 'Hub: connecting…',
      joined: 'Hub: joined',
      reconnecting: 'Hub: reconnecting' + (u && u.attempt ? ' (attempt ' + u.attempt + ')' : '') + '…',
      failed: 'Hub: unreachable' + (u && u.attempt ? ' (attempt ' + u.attempt + ' failed)' : ''),
    };
    showUpstreamText(state, labels[state] || 'Hub: ' + state, u && u.reason);
  }

  function showUpstreamText(state, text, reason) {
    page.upstream = { state, text, reason: reason || '' };
    setUpstream(state, text, reason);
    // presence is what Hub last reported: shown dimmed while Hub is away
    $('users').classList.toggle('stale', state !== 'joined');
  }

  // Shouts the bridge saw before this stream started, shown above what the stream brings.
  async function loadRecentShouts() {
    const room = page.room;
    try {
      const res = await fetch('/api/rooms/' + encodeURIComponent(room) + '/shouts?limit=50');
      if (!res.ok || room !== page.room) return;
      const recent = await res.json();
      const list = $('messages');
      const before = list.firstChild;
      for (const { id, shout } of Array.isArray(recent) ? recent : []) {
        if (!shout || remember(id)) continue;
        list.insertBefore(shoutItem(shout), before);
      }
      list.scrollTop = list.scrollHeight;
    } catch (err) {
      // history is a nicety; the stream carries on without it
    }
  }

  // Remembers an event id; true if it was seen before.
  function remember(id) {
    if (page.seen.has(id)) return true;
    page.seen.add(id);
    page.seenOrder.push(id);
    if (page.seenOrder.length > SEEN_IDS) page.seen.delete(page.seenOrder.shift());
    return false;
  }

  async function send() {
    const input = $('message');
    const body = input.value;
    if (!body.trim() || !page.room) return;
    $('error').textContent = '';
    $('send-button').disabled = true;
    try {
      const res = await fetch('/api/rooms/' + encodeURIComponent(page.room) + '/shouts', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
        body: JSON.stringify({ name: page.name, body }),
      });
      if (res.ok) {
        input.value = '';
        if (res.status === 202) showError('Sent, but Hub has not confirmed it yet.');
      } else {
        showError(await problemOf(res));
      }
    } catch (err) {
      showError('Could not reach the bridge: ' + err.message);
    } finally {
      $('send-button').disabled = false;
      input.focus();
    }
  }

  async function problemOf(res) {
    const text = await res.text().catch(() => '');
    try {
      const problem = JSON.parse(text);
      if (problem.detail) return problem.detail;
      if (problem.title) return problem.title;
    } catch (err) {
      // not problem+json
    }
    return 'HTTP ' + res.status + (res.statusText ? ' ' + res.statusText : '');
  }

  function showError(text) {
    $('error').textContent = text;
  }

  function setComposer(enabled) {
    $('message').disabled = !enabled;
    $('send-button').disabled = !enabled;
  }

  function shoutItem(s) {
    const name = String(s.name ?? '?');
    const li = document.createElement('li');
    li.className = 'shout' + (name === page.name ? ' mine' : '');
    const avatar = document.createElement('span');
    avatar.className = 'avatar';
    avatar.setAttribute('aria-hidden', 'true');
    avatar.textContent = [...name][0]?.toUpperCase() || '?';
    avatar.style.setProperty('--hue', String(hue(name)));
    const who = document.createElement('span');
    who.className = 'who';
    who.textContent = name;
    const time = document.createElement('time');
    const at = new Date(s.receivedAt);
    if (!Number.isNaN(at.getTime())) {
      time.dateTime = at.toISOString();
      time.textContent = at.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
    }
    const text = document.createElement('p');
    text.className = 'body';
    text.textContent = String(s.body ?? '');
    const head = document.createElement('div');
    head.className = 'head';
    head.append(who, time);
    const content = document.createElement('div');
    content.className = 'content';
    content.append(head, text);
    li.append(avatar, content);
    return li;
  }

  function addShout(s) {
    append(shoutItem(s));
  }

  function note(text) {
    const li = document.createElement('li');
    li.className = 'note';
    li.textContent = text;
    append(li);
  }

  function append(li) {
    const list = $('messages');
    const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 80;
    list.append(li);
    while (list.children.length > MAX_MESSAGES) list.firstChild.remove();
    if (atBottom) list.scrollTop = list.scrollHeight;
  }

  function setUser(username, change) {
    const user = page.users.get(username) || { username, typing: false, connections: 1 };
    page.users.set(username, { ...user, ...change });
    renderUsers();
  }

  function renderUsers() {
    const users = [...page.users.values()].sort((a, b) => a.username.localeCompare(b.username));
    $('users').replaceChildren(...users.map((u) => {
      const li = document.createElement('li');
      li.className = u.typing ? 'typing' : '';
      const avatar = document.createElement('span');
      avatar.className = 'avatar small';
      avatar.setAttribute('aria-hidden', 'true');
      avatar.textContent = [...u.username][0]?.toUpperCase() || '?';
      avatar.style.setProperty('--hue', String(hue(u.username)));
      const name = document.createElement('span');
      name.className = 'username';
      name.textContent = u.username;
      li.append(avatar, name);
      return li;
    }));
    $('online-count').textContent = String(users.length);
    $('typing').textContent = users.filter((u) => u.typing).map((u) => u.username + ' is typing').join(', ');
  }

  // The state of this tab's own stream, shown and told to the room's other tabs.
  function setStream(state, text) {
    page.stream = { state, text };
    showStream(state, text);
    broadcast({ kind: 'stream', stream: page.stream });
  }

  function showStream(state, text) {
    const pill = $('stream-state');
    pill.dataset.state = state;
    pill.textContent = 'Stream: ' + text + (SHARED && !page.leader && page.room ? ' (shared with another tab)' : '');
  }

  function setUpstream(state, text, reason) {
    const pill = $('upstream-state');
    pill.dataset.state = state;
    pill.textContent = text;
    pill.title = reason || '';
  }

  function hue(text) {
    let h = 0;
    for (const c of text) h = (h * 31 + c.codePointAt(0)) % 360;
    return h;
  }

  if (params.get('room') && $('name').value.trim()) openRoom();
})();
