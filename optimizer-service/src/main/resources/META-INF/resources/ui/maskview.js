// Trials × mask bits as a matrix on one canvas: rows are completed search trials ordered best first, columns
// the bits named by their component. Drawn by hand because 5,000 × 48 cells as chart items would be slow.
import { el } from './dom.js';

const LABEL_SPACE = 120, MAX_HEIGHT = 420;
const ON = [47, 111, 223], OFF = [238, 241, 246];

/** OFF for 0 (frozen) to ON for 1 (trained); between: the share of trials in the pixel row with the bit on. */
function shade(share) {
  const c = OFF.map((o, i) => Math.round(o + (ON[i] - o) * share));
  return 'rgb(' + c.join(',') + ')';
}

export function drawMaskView(canvas, rows, bitNames, objectiveIndex, objective) {
  const better = objective.direction === 'minimize' ? (a, b) => a - b : (a, b) => b - a;
  const trials = rows.filter(r => r.phase === 'SEARCH' && r.state === 'COMPLETE'
    && typeof r.objectives?.[objectiveIndex] === 'number' && /^[01]+$/.test(r.mask))
    .sort((a, b) => better(a.objectives[objectiveIndex], b.objectives[objectiveIndex]) || a.number - b.number);
  const bits = bitNames.length || (trials[0]?.mask.length ?? 0);
  const width = canvas.clientWidth || 600;
  // up to MAX_HEIGHT pixels of rows: with more trials, each pixel row shows the share of its trials with the bit on
  const pixelRows = Math.min(trials.length, MAX_HEIGHT);
  const rowHeight = trials.length === 0 ? 0 : Math.min(14, MAX_HEIGHT / trials.length);
  const height = LABEL_SPACE + Math.ceil(trials.length * rowHeight) + 4;
  const ratio = window.devicePixelRatio || 1;
  canvas.width = width * ratio;
  canvas.height = height * ratio;
  canvas.style.height = height + 'px';
  const g = canvas.getContext('2d');
  g.scale(ratio, ratio);
  const left = 56, colWidth = bits ? (width - left - 48) / bits : 0; // room on the right for the last rotated name
  g.fillStyle = '#1d2430';
  g.font = '11px system-ui, sans-serif';
  for (let b = 0; b < bits; b++) {
    g.save();
    g.translate(left + (b + 0.5) * colWidth + 4, LABEL_SPACE - 6);
    g.rotate(-Math.PI / 3);
    g.fillText(bitNames[b] ?? 'bit ' + b, 0, 0);
    g.restore();
  }
  g.fillText('best', 4, LABEL_SPACE + 10);
  if (trials.length > 1) g.fillText('worst', 4, LABEL_SPACE + trials.length * rowHeight);
  const per = trials.length / Math.max(1, pixelRows);
  const pixelHeight = trials.length * rowHeight / Math.max(1, pixelRows);
  for (let p = 0; p < pixelRows; p++) {
    const from = Math.floor(p * per), to = Math.max(from + 1, Math.floor((p + 1) * per));
    const y = LABEL_SPACE + p * pixelHeight;
    for (let b = 0; b < bits; b++) {
      let on = 0;
      for (let i = from; i < to; i++) on += trials[i].mask.charCodeAt(b) === 49 ? 1 : 0;
      g.fillStyle = shade(on / (to - from));
      g.fillRect(left + b * colWidth, y, Math.max(1, colWidth - 1), Math.max(pixelHeight - (pixelHeight > 3 ? 1 : 0), 1));
    }
  }
  canvas.dataset.rows = trials.length;
  canvas.dataset.bits = bits;
  canvas.onmousemove = ev => {
    const rect = canvas.getBoundingClientRect();
    const b = Math.floor((ev.clientX - rect.left - left) / colWidth);
    const i = Math.floor((ev.clientY - rect.top - LABEL_SPACE) / rowHeight);
    const t = trials[i];
    if (!t || b < 0 || b >= bits) return hideTip();
    showTip(ev, 'trial #' + t.number + ' (rank ' + (i + 1) + '), ' + objective.id + ' ' +
      t.objectives[objectiveIndex].toFixed(4) + '\n' + (bitNames[b] ?? 'bit ' + b) + ': ' + (t.mask[b] === '1' ? 'trained' : 'frozen'));
  };
  canvas.onmouseleave = hideTip;
  return trials;
}

let tip = null;

function showTip(ev, text) {
  if (!tip) {
    tip = el('div', { class: 'tooltip' });
    document.body.append(tip);
  }
  tip.style.whiteSpace = 'pre';
  tip.textContent = text;
  tip.style.left = ev.clientX + 12 + 'px';
  tip.style.top = ev.clientY + 12 + 'px';
  tip.hidden = false;
}

function hideTip() {
  if (tip) tip.hidden = true;
}
