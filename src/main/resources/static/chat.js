// The chat page: EventSource for the room's stream, fetch for posting. Text is always set with
// textContent, never as HTML. EventSource reconnects by itself and sends Last-Event-ID.
(() => {
  const $ = (id) => document.getElementById(id);
  const params = new URLSearchParams(location.search);
  let source = null;
  let room = null;
  const users = new Map();

  if (params.get('room')) $('room').value = params.get('room');
  if (params.get('name')) $('name').value = params.get('name');
  if (params.get('room') && params.get('name')) open();

  $('join').addEventListener('submit', (e) => { e.preventDefault(); open(); });
  $('send').addEventListener('submit', (e) => { e.preventDefault(); send(); });

  function open() {
    room = $('room').value.trim();
    if (!room || !$('name').value.trim()) return;
    history.replaceState(null, '', '?room=' + encodeURIComponent(room) + '&name=' + encodeURIComponent($('name').value.trim()));
    if (source) source.close();
    $('messages').replaceChildren();
    users.clear();
    renderUsers();
    source = new EventSource('/api/rooms/' + encodeURIComponent(room) + '/events');
    source.addEventListener('presence', (e) => { const p = JSON.parse(e.data); users.clear(); p.users.forEach((u) => users.set(u.username, u)); renderUsers(); setUpstream(p.upstream); });
    source.addEventListener('shout', (e) => { const s = JSON.parse(e.data); addMessage(s.name ?? '?', s.body ?? ''); });
    source.addEventListener('join', (e) => { const j = JSON.parse(e.data); users.set(j.username, { username: j.username, typing: false }); renderUsers(); note(j.username + ' joined'); });
    source.addEventListener('leave', (e) => { const l = JSON.parse(e.data); users.delete(l.username); renderUsers(); note(l.username + ' left'); });
    source.addEventListener('typing', (e) => { const t = JSON.parse(e.data); const u = users.get(t.username); if (u) { u.typing = t.typing; renderUsers(); } });
    source.addEventListener('upstream', (e) => setUpstream(JSON.parse(e.data).state));
    source.addEventListener('reset', () => note('some history was lost'));
    source.onopen = () => { $('message').disabled = false; $('send-button').disabled = false; };
    source.onerror = () => setUpstream('stream interrupted, reconnecting');
  }

  async function send() {
    const body = $('message').value;
    if (!body) return;
    $('error').textContent = '';
    try {
      const res = await fetch('/api/rooms/' + encodeURIComponent(room) + '/shouts', {
        method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: $('name').value.trim(), body }),
      });
      if (res.ok) { $('message').value = ''; return; }
      const problem = await res.json().catch(() => ({}));
      $('error').textContent = problem.detail || ('failed: HTTP ' + res.status);
    } catch (err) {
      $('error').textContent = 'failed: ' + err.message;
    }
  }

  function addMessage(who, text) {
    const li = document.createElement('li');
    const name = document.createElement('span');
    name.className = 'who';
    name.textContent = who;
    li.append(name, document.createTextNode(text));
    append(li);
  }

  function note(text) {
    const li = document.createElement('li');
    li.className = 'note';
    li.textContent = text;
    append(li);
  }

  function append(li) {
    const list = $('messages');
    list.append(li);
    while (list.children.length > 500) list.firstChild.remove();
    list.scrollTop = list.scrollHeight;
  }

  function renderUsers() {
    const list = $('users');
    list.replaceChildren(...[...users.values()].sort((a, b) => a.username.localeCompare(b.username)).map((u) => {
      const li = document.createElement('li');
      li.textContent = u.username;
      return li;
    }));
    const typing = [...users.values()].filter((u) => u.typing).map((u) => u.username + ' is typing');
    $('typing').textContent = typing.join(', ');
  }

  function setUpstream(state) { $('upstream').textContent = 'upstream: ' + state; }
})();
