// A small renderer for what `tmux capture-pane -e` prints: text with SGR colour sequences.
// It handles the 16 colours, 256-colour and true-colour forms, bold, dim, italic, underline,
// inverse and strike, and drops any other escape sequence. Output is DOM nodes, never HTML
// strings, so pane content can't inject markup.
(function (global) {
  'use strict';
  const BASE16 = ['#1b1f24', '#ff7b72', '#7ee787', '#e3b341', '#79c0ff', '#d2a8ff', '#56d4dd', '#c9d1d9',
    '#6e7681', '#ffa198', '#aff5b4', '#f8e3a1', '#a5d6ff', '#e2c5ff', '#b3f0ff', '#f0f6fc'];

  function color256(n) {
    if (n < 16) return BASE16[n];
    if (n >= 232) { const v = 8 + (n - 232) * 10; return `rgb(${v},${v},${v})`; }
    n -= 16;
    const steps = [0, 95, 135, 175, 215, 255];
    return `rgb(${steps[Math.floor(n / 36)]},${steps[Math.floor(n / 6) % 6]},${steps[n % 6]})`;
  }

  function reset() { return { fg: null, bg: null, bold: false, dim: false, italic: false, underline: false, inverse: false, strike: false }; }

  function applySgr(st, params) {
    const p = params === '' ? [0] : params.split(/[;:]/).map(x => (x === '' ? 0 : parseInt(x, 10)));
    for (let i = 0; i < p.length; i++) {
      const c = p[i];
      if (c === 0) Object.assign(st, reset());
      else if (c === 1) st.bold = true;
      else if (c === 2) st.dim = true;
      else if (c === 3) st.italic = true;
      else if (c === 4) st.underline = true;
      else if (c === 7) st.inverse = true;
      else if (c === 9) st.strike = true;
      else if (c === 22) { st.bold = false; st.dim = false; }
      else if (c === 23) st.italic = false;
      else if (c === 24) st.underline = false;
      else if (c === 27) st.inverse = false;
      else if (c === 29) st.strike = false;
      else if (c >= 30 && c <= 37) st.fg = BASE16[c - 30];
      else if (c >= 90 && c <= 97) st.fg = BASE16[c - 90 + 8];
      else if (c >= 40 && c <= 47) st.bg = BASE16[c - 40];
      else if (c >= 100 && c <= 107) st.bg = BASE16[c - 100 + 8];
      else if (c === 39) st.fg = null;
      else if (c === 49) st.bg = null;
      else if (c === 38 || c === 48) {
        let col = null;
        if (p[i + 1] === 5 && i + 2 < p.length) { col = color256(p[i + 2]); i += 2; }
        else if (p[i + 1] === 2 && i + 4 < p.length) { col = `rgb(${p[i + 2]},${p[i + 3]},${p[i + 4]})`; i += 4; }
        if (c === 38) st.fg = col; else st.bg = col;
      }
    }
  }

  // Splits one capture into lines of segments {text, style}.
  function parse(text) {
    const lines = [];
    let segs = [];
    const st = reset();
    const re = /\x1b\[([0-9;:?]*)([A-Za-z])|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][A-Za-z0-9]|\x1b./g;
    let last = 0;
    const pushText = (t) => {
      const parts = t.split('\n');
      parts.forEach((part, idx) => {
        if (idx > 0) { lines.push(segs); segs = []; }
        if (part) segs.push({ text: part.replace(/[\x00-\x08\x0b-\x1f\x7f]/g, ''), style: Object.assign({}, st) });
      });
    };
    let m;
    while ((m = re.exec(text)) !== null) {
      pushText(text.slice(last, m.index));
      if (m[2] === 'm') applySgr(st, m[1]);
      last = re.lastIndex;
    }
    pushText(text.slice(last));
    lines.push(segs);
    return lines;
  }

  function styleSpan(style, text) {
    const span = document.createElement('span');
    span.textContent = text;
    let fg = style.fg, bg = style.bg;
    if (style.inverse) { const t = fg || 'var(--term-fg)'; fg = bg || 'var(--term-bg)'; bg = t; }
    if (fg) span.style.color = fg;
    if (bg) span.style.backgroundColor = bg;
    if (style.bold) span.style.fontWeight = '700';
    if (style.dim) span.style.opacity = '0.6';
    if (style.italic) span.style.fontStyle = 'italic';
    const deco = [];
    if (style.underline) deco.push('underline');
    if (style.strike) deco.push('line-through');
    if (deco.length) span.style.textDecoration = deco.join(' ');
    return span;
  }

  // Renders a capture into `pre`: `rows` lines, the cursor (if given) as an inverted cell.
  function render(pre, text, rows, cursor) {
    const lines = parse(text);
    while (rows && lines.length < rows) lines.push([]);
    const frag = document.createDocumentFragment();
    lines.forEach((segs, y) => {
      const line = document.createElement('div');
      line.className = 'ln';
      let x = 0;
      let placed = !cursor || cursor.y !== y;
      for (const s of segs) {
        const chars = Array.from(s.text);
        if (!placed && cursor.x >= x && cursor.x < x + chars.length) {
          const k = cursor.x - x;
          if (k > 0) line.appendChild(styleSpan(s.style, chars.slice(0, k).join('')));
          const c = styleSpan(s.style, chars[k]);
          c.className = 'cursor';
          line.appendChild(c);
          if (k + 1 < chars.length) line.appendChild(styleSpan(s.style, chars.slice(k + 1).join('')));
          placed = true;
        } else {
          line.appendChild(styleSpan(s.style, s.text));
        }
        x += chars.length;
      }
      if (!placed) {
        if (cursor.x > x) line.appendChild(document.createTextNode(' '.repeat(cursor.x - x)));
        const c = document.createElement('span');
        c.className = 'cursor';
        c.textContent = ' ';
        line.appendChild(c);
      }
      if (!line.childNodes.length) line.appendChild(document.createTextNode(' '));
      frag.appendChild(line);
    });
    pre.replaceChildren(frag);
  }

  global.MosAnsi = { parse, render, color256 };
})(window);
