import { getJson } from './api.js';
import { el, clear, fmt, fmtTime, stateBadge } from './dom.js';

const TERMINAL = new Set(['COMPLETED', 'CANCELLED', 'FAILED']);

/** The list of studies, refreshed every 5 s while any of them runs. */
export async function showStudies(app, fail) {
  let timer = null;
  let stopped = false;
  const render = studies => {
    const rows = studies.map(s => el('tr', { 'data-study': s.id },
      el('td', {}, el('a', { href: '#/studies/' + encodeURIComponent(s.id) }, s.name)),
      el('td', {}, stateBadge(s.state)),
      el('td', {}, progress(s.counted, s.trialBudget), ' ', s.counted + ' / ' + s.trialBudget,
        s.inFlight ? el('span', { class: 'muted' }, ' (' + s.inFlight + ' in flight)') : null),
      el('td', { class: 'num' }, fmt(s.bestObjective, 4), el('span', { class: 'muted' }, ' ' + (s.spec.objectives[0] || ''))),
      el('td', {}, fmtTime(s.createdAt)),
      el('td', {}, fmtTime(s.updatedAt))));
    clear(app).append(el('div', { class: 'card' },
      el('h2', {}, 'Studies'),
      studies.length === 0 ? el('p', { class: 'muted' }, 'No study yet: ./fairtune study create my-study.yaml') :
        el('table', { id: 'studies' },
          el('thead', {}, el('tr', {}, ['Name', 'State', 'Progress (search trials counted)', 'Best objective',
            'Created', 'Updated'].map(h => el('th', {}, h)))),
          el('tbody', {}, rows))));
    document.body.dataset.loaded = 'studies';
  };
  const load = async () => {
    try {
      const studies = await getJson('../studies');
      if (stopped) return;
      render(studies);
      if (studies.some(s => !TERMINAL.has(s.state))) timer = setTimeout(load, 5000);
    } catch (e) {
      if (!stopped) fail(e);
    }
  };
  await load();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

export function progress(done, total) {
  const pct = total > 0 ? Math.min(100, 100 * done / total) : 0;
  return el('span', { class: 'progress' }, el('span', { style: 'width:' + pct.toFixed(1) + '%' }));
}
