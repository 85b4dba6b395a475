// The Mos page: live fleet table (SSE), one live terminal (WebSocket), butt-in, lifecycle with a
// confirm step, chat with Mos and the audit trail. No framework; everything talks to /api/v1.
(function () {
  'use strict';
  const $ = (sel) => document.querySelector(sel);
  const state = { agents: new Map(), selected: null, ws: null, me: null, wsRetry: null };

  // ---- helpers -------------------------------------------------------------------------------
  async function api(method, path, body) {
    const opts = { method, headers: { 'Accept': 'application/json' }, credentials: 'same-origin' };
    if (body !== undefined) { opts.headers['Content-Type'] = 'application/json'; opts.body = JSON.stringify(body); }
    const res = await fetch(path, opts);
    const data = await res.json().catch(() => ({}));
    if (!res.ok) throw new Error((data.error && data.error.message) || `${res.status} ${res.statusText}`);
    return data;
  }
  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function toast(msg, bad) {
    const t = $('#toast');
    t.textContent = msg;
    t.className = 'toast' + (bad ? ' bad' : '');
    clearTimeout(toast.timer);
    toast.timer = setTimeout(() => t.classList.add('hidden'), 4000);
  }
  function age(ts) {
    if (!ts) return '—';
    const s = Math.max(0, Math.round((Date.now() - Date.parse(ts)) / 1000));
    if (s < 60) return s + 's';
    if (s < 3600) return Math.floor(s / 60) + 'm' + String(s % 60).padStart(2, '0') + 's';
    return Math.floor(s / 3600) + 'h' + String(Math.floor(s / 60) % 60).padStart(2, '0') + 'm';
  }
  const canOperate = () => state.me && (state.me.role === 'operator' || state.me.role === 'admin');

  // ---- fleet table ---------------------------------------------------------------------------
  function renderFleet() {
    const tbody = $('#fleet tbody');
    const rows = [];
    for (const a of state.agents.values()) {
      const tr = el('tr');
      tr.dataset.agent = a.name;
      tr.dataset.state = a.state;
      if (a.name === state.selected) tr.classList.add('selected');
      const name = el('td', 'name');
      name.appendChild(el('span', 'dot ' + a.state));
      name.appendChild(el('span', '', a.name));
      const meta = [a.role, a.runtime].filter(Boolean).join(' · ');
      if (meta) name.appendChild(el('span', 'meta', meta));
      tr.appendChild(name);
      tr.appendChild(el('td', 'state ' + a.state, a.state));
      const hb = a.heartbeat || {};
      const hbCell = el('td', 'hb ' + (hb.health || 'unknown'));
      hbCell.appendChild(el('span', 'health', hb.health || 'unknown'));
      hbCell.appendChild(el('span', 'age', hb.ts ? age(hb.ts) : ''));
      hbCell.dataset.ts = hb.ts || '';
      tr.appendChild(hbCell);
      const act = el('td', 'activity ' + (hb.activity || ''), hb.activity || hb.status || '—');
      if (a.waiting) {
        // the agent waits for a person: a visible mark, what it wants, and how to answer
        tr.classList.add('needs-you');
        act.appendChild(el('span', 'needs-you-mark', ' needs you'));
        act.title = a.waiting.summary + (a.waiting.kind === 'approval'
          ? `\nanswer in chat: approve ${a.name} / deny ${a.name}` : '');
      }
      tr.appendChild(act);
      tr.appendChild(el('td', 'host', a.host || 'local'));
      if (a.detail) tr.title = a.detail;
      tr.addEventListener('click', () => select(a.name));
      rows.push(tr);
    }
    tbody.replaceChildren(...rows);
    const counts = {};
    for (const a of state.agents.values()) counts[a.state] = (counts[a.state] || 0) + 1;
    const pills = Object.entries(counts).map(([k, v]) => el('span', 'pill ' + k, `${v} ${k}`));
    const waiting = [...state.agents.values()].filter(a => a.waiting).length;
    if (waiting > 0) pills.unshift(el('span', 'pill needs-you', `${waiting} needs you`));
    $('#summary').replaceChildren(...pills);
    updateTermHead();
  }
  function tickAges() {
    document.querySelectorAll('#fleet td.hb').forEach(td => {
      const a = td.querySelector('.age');
      if (td.dataset.ts) a.textContent = age(td.dataset.ts);
    });
  }

  // ---- events (SSE) --------------------------------------------------------------------------
  function connectEvents() {
    const es = new EventSource('/api/v1/events');
    es.addEventListener('open', () => { $('#conn').className = 'conn ok'; });
    es.addEventListener('error', () => { $('#conn').className = 'conn bad'; });
    es.addEventListener('fleet', (e) => {
      const snap = JSON.parse(e.data);
      $('#fleet-name').textContent = snap.fleet;
      state.agents = new Map(snap.agents.map(a => [a.name, a]));
      renderFleet();
      if (!state.selected && snap.agents.length) select(snap.agents[0].name);
    });
    es.addEventListener('agent', (e) => {
      const ev = JSON.parse(e.data);
      if (ev.change === 'removed') state.agents.delete(ev.name); else state.agents.set(ev.name, ev.agent);
      renderFleet();
    });
    es.addEventListener('audit', (e) => addAudit(JSON.parse(e.data), true));
    es.addEventListener('chat', (e) => { const m = JSON.parse(e.data); addChat('mos', m.text); });
    // the token or session was revoked, or the principal removed: the server ends every stream
    es.addEventListener('revoked', (e) => {
      es.close();
      $('#conn').className = 'conn bad';
      toast(JSON.parse(e.data).message + ' — open the login URL again', true);
    });
  }

  // ---- terminal ------------------------------------------------------------------------------
  function select(name) {
    if (state.selected === name && (state.ws || (state.me && state.me.panes === false))) return;
    state.selected = name;
    renderFleet();
    openStream(name);
  }
  function openStream(name) {
    if (state.ws) { state.ws.onclose = null; state.ws.close(); state.ws = null; }
    clearTimeout(state.wsRetry);
    $('#screen').replaceChildren();
    $('#screen').classList.remove('refused');
    if (state.me && state.me.panes === false) {
      // reading a pane needs the role chat `tail` needs; the server says which, in the chat's words
      $('#screen').classList.add('refused');
      $('#screen').textContent = 'Terminal hidden. ' + state.me.panesRefused;
      $('#term-status').textContent = '';
      $('#term-size').textContent = '';
      return;
    }
    $('#term-status').textContent = 'connecting…';
    const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const ws = new WebSocket(`${proto}//${location.host}/api/v1/agents/${encodeURIComponent(name)}/stream`);
    state.ws = ws;
    ws.onmessage = (e) => {
      const m = JSON.parse(e.data);
      if (m.type === 'screen') {
        $('#term-status').textContent = '';
        $('#term-size').textContent = `${m.cols}×${m.rows}`;
        $('#screen').style.setProperty('--cols', m.cols);
        MosAnsi.render($('#screen'), m.ansi, m.rows, m.cursor);
      } else if (m.type === 'status') {
        $('#term-status').textContent = m.message;
        $('#screen').classList.add('stale');
        return;
      }
      $('#screen').classList.remove('stale');
    };
    ws.onclose = (e) => {
      if (state.ws !== ws) return;
      if (e.code === 1008) { $('#term-status').textContent = 'stream closed: your access was revoked'; return; }
      $('#term-status').textContent = 'stream closed; reconnecting…';
      state.wsRetry = setTimeout(() => openStream(name), 2000);
    };
  }
  function updateTermHead() {
    const a = state.agents.get(state.selected);
    $('#term-name').textContent = state.selected || 'no agent selected';
    const badge = $('#term-state');
    badge.textContent = a ? a.state : '';
    badge.className = 'badge ' + (a ? a.state : '');
    const op = canOperate() && !!a && a.managed !== false;
    const running = a && a.state === 'running';
    $('#btn-start').disabled = !op || running;
    $('#btn-stop').disabled = !op || !(running || (a && a.state === 'crashed'));
    $('#btn-restart').disabled = !op;
    const typing = canOperate() && running;
    $('#input-text').disabled = !typing;
    $('#input-send').disabled = !typing;
    document.querySelectorAll('.key').forEach(b => { b.disabled = !typing; });
    $('#input-text').placeholder = canOperate() ? 'Butt in: text is typed literally, Enter sends it'
      : 'You are a viewer: watching only';
  }

  // ---- butt-in ---------------------------------------------------------------------------------
  async function sendInput(text, keys) {
    if (!state.selected) return;
    try {
      await api('POST', `/api/v1/agents/${encodeURIComponent(state.selected)}/input`, { text, keys });
    } catch (err) { toast(err.message, true); }
  }
  // While a line is being composed, tell Mos once a second: automated sends to this agent wait.
  let lastTypingPing = 0;
  $('#input-text').addEventListener('input', () => {
    const now = Date.now();
    if (!state.selected || now - lastTypingPing < 1000) return;
    lastTypingPing = now;
    api('POST', `/api/v1/agents/${encodeURIComponent(state.selected)}/typing`).catch(() => {});
  });
  $('#input-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const input = $('#input-text');
    const text = input.value;
    input.value = '';
    sendInput(text, ['Enter']);
  });
  document.querySelectorAll('.key').forEach(b => b.addEventListener('click', () => {
    const input = $('#input-text');
    const text = input.value;
    input.value = '';
    sendInput(text, [b.dataset.key]);
    input.focus();
  }));

  // ---- lifecycle with a confirm step ---------------------------------------------------------
  let pendingAction = null;
  function confirmAction(action) {
    const name = state.selected;
    if (!name) return;
    pendingAction = { action, name };
    const verbs = { stop: 'Stop', restart: 'Restart', start: 'Start' };
    $('#modal-title').textContent = `${verbs[action]} ${name}?`;
    $('#modal-text').textContent = action === 'stop'
      ? `This kills the tmux session of ${name}; whatever it is doing now is interrupted.`
      : action === 'restart' ? `This stops ${name} and starts it again from its roster entry.`
        : `This starts ${name} from its roster entry.`;
    $('#modal-confirm').textContent = verbs[action];
    $('#modal-confirm').className = 'btn ' + (action === 'start' ? 'primary' : 'danger');
    $('#modal').classList.remove('hidden');
    $('#modal-cancel').focus();
  }
  function closeModal() { $('#modal').classList.add('hidden'); pendingAction = null; }
  document.querySelectorAll('.actions .btn').forEach(b => b.addEventListener('click', () => confirmAction(b.dataset.action)));
  $('#modal-cancel').addEventListener('click', closeModal);
  document.addEventListener('keydown', (e) => { if (e.key === 'Escape' && pendingAction) closeModal(); });
  $('#modal-confirm').addEventListener('click', async () => {
    const p = pendingAction;
    closeModal();
    if (!p) return;
    try {
      const r = await api('POST', `/api/v1/agents/${encodeURIComponent(p.name)}/${p.action}`);
      toast(`${p.name}: ${r.result}`);
    } catch (err) { toast(err.message, true); }
  });

  // ---- chat ----------------------------------------------------------------------------------
  function renderMarkdown(container, text) {
    const parts = text.split(/```[a-z]*\n?/);
    parts.forEach((part, i) => {
      if (i % 2 === 1) { container.appendChild(el('pre', 'code', part.replace(/\n$/, ''))); return; }
      part.split(/(`[^`\n]+`|\*\*[^*\n]+\*\*)/).forEach(tok => {
        if (!tok) return;
        if (tok.startsWith('`') && tok.endsWith('`') && tok.length > 1) container.appendChild(el('code', '', tok.slice(1, -1)));
        else if (tok.startsWith('**') && tok.endsWith('**')) container.appendChild(el('b', '', tok.slice(2, -2)));
        else container.appendChild(document.createTextNode(tok));
      });
    });
  }
  function addChat(from, text) {
    const log = $('#chat-log');
    const msg = el('div', 'msg ' + from);
    msg.appendChild(el('span', 'from', from === 'me' ? (state.me ? state.me.principal : 'me') : 'mos'));
    const body = el('div', 'body');
    renderMarkdown(body, text);
    msg.appendChild(body);
    log.appendChild(msg);
    log.scrollTop = log.scrollHeight;
  }
  $('#chat-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const input = $('#chat-input');
    const text = input.value.trim();
    if (!text) return;
    input.value = '';
    addChat('me', text);
    try {
      const r = await api('POST', '/api/v1/chat', { text });
      r.replies.forEach(t => addChat('mos', t));
    } catch (err) { addChat('mos', 'error: ' + err.message); }
  });

  // ---- audit ---------------------------------------------------------------------------------
  function addAudit(rec, prepend) {
    const li = el('li', rec.result.startsWith('ok') ? 'ok' : (rec.result.startsWith('pending') ? 'pending' : 'bad'));
    li.appendChild(el('span', 'time', new Date(rec.time).toTimeString().slice(0, 8)));
    li.appendChild(el('span', 'actor', rec.actor));
    li.appendChild(el('span', 'action', rec.action));
    li.appendChild(el('span', 'target', rec.target));
    li.appendChild(el('span', 'result', rec.result));
    const list = $('#audit');
    if (prepend) list.prepend(li); else list.appendChild(li);
    while (list.children.length > 200) list.lastChild.remove();
  }

  // ---- log out: the server ends the session; the cookie is worthless afterwards ----------------
  $('#logout').addEventListener('click', async () => {
    try { await fetch('/logout', { method: 'POST', credentials: 'same-origin' }); } catch (err) { /* gone anyway */ }
    location.assign('/');
  });

  // ---- start ---------------------------------------------------------------------------------
  async function init() {
    try {
      state.me = await api('GET', '/api/v1/whoami');
      $('#whoami').textContent = `${state.me.principal} · ${state.me.role}`;
      const audit = await api('GET', '/api/v1/audit');
      audit.records.slice().reverse().forEach(r => addAudit(r, false));
    } catch (err) { toast(err.message, true); }
    connectEvents();
    setInterval(tickAges, 1000);
  }
  init();
})();
