/** el('td', {class: 'num'}, 'text', child…): text children become text nodes, so data is never parsed as HTML. */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

export function clear(node) {
  node.replaceChildren();
  return node;
}

export function fmt(v, digits = 3) {
  return v === null || v === undefined || Number.isNaN(v) ? '–' : Number(v).toFixed(digits);
}

export function fmtLr(v) {
  return v === null || v === undefined ? '–' : Number(v).toExponential(2);
}

export function fmtTime(iso) {
  return iso ? new Date(iso).toLocaleString() : '–';
}

export function stateBadge(state) {
  return el('span', { class: 'state ' + state }, state);
}

/** Saves text as a file without a second request (the browser cannot send the API key on a plain link). */
export function download(name, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = el('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
