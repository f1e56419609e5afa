import { AuthError, getJson, getText } from './api.js';
import { el, clear, download, fmt, fmtLr, fmtTime, stateBadge } from './dom.js';
import { bitEffectsOption, fairnessOption, finalOption, groupsOption, historyOption, intermediateOption, mount,
  resizeAll } from './charts.js';
import { drawMaskView } from './maskview.js';
import { progress } from './studies.js';

const TERMINAL = new Set(['COMPLETED', 'CANCELLED', 'FAILED']);
const PAGE_SIZE = 50;

/**
 * One study, refreshed by polling the API while it runs (no reload): progress, charts, mask view, per-bit effects,
 * final phase and the trial table. Returns a function that stops the polling.
 */
export async function showStudy(app, id, fail, firstTable) {
  const base = 'api/studies/' + encodeURIComponent(id);
  const rest = '../studies/' + encodeURIComponent(id);
  const view = { page: 0, objectiveIndex: 0, selected: null, detailKey: null, refreshes: 0 };
  let timer = null, stopped = false, dom = null, shown = false;
  const onResize = () => dom && resizeAll(dom.charts);
  window.addEventListener('resize', onResize);

  /** One request for the page (the study's header included), plus the Pareto front for two objectives. */
  async function load() {
    const table = await (firstTable || getJson(base + '/trials'));
    firstTable = null;
    const pareto = table.objectives.length > 1 ? await getJson(rest + '/pareto') : null;
    return { study: table.study, table, pareto, effects: () => table.bitEffects[view.objectiveIndex] };
  }

  async function refresh() {
    try {
      const data = await load();
      if (stopped) return;
      if (!dom) document.body.dataset.dataMs = performance.now().toFixed(0);
      view.data = data;
      if (!dom) dom = skeleton(app, data, view, { exportTable, select, rerender: () => render(view.data) });
      await render(data);
      shown = true;
      view.refreshes++;
      document.body.dataset.refreshes = view.refreshes;
      dom.status.textContent = '';
      if (!TERMINAL.has(data.study.state)) {
        timer = setTimeout(refresh, data.table.trials.length > 1000 ? 5000 : 2000);
      }
    } catch (e) {
      if (stopped) return;
      // the first drawing must succeed; later a failed poll (a restarting optimizer) is retried
      if (e instanceof AuthError || !shown) return fail(e);
      dom.status.textContent = 'update failed (' + e.message + '), retrying…';
      timer = setTimeout(refresh, 5000);
    }
  }

  async function render(data) {
    const { study, table, pareto } = data;
    const effects = data.effects();
    const objective = table.objectives[view.objectiveIndex];
    const times = {};
    const timed = (name, draw) => {
      const start = performance.now();
      const result = draw();
      times[name] = Math.round(performance.now() - start);
      return result;
    };
    if (view.selected === null) view.selected = study.bestTrial ?? firstScored(table.trials);
    // the selected trial's groups are fetched while the charts are drawn
    const detail = fetchDetail(data);
    timed('summary', () => renderSummary(dom.summary, study));
    timed('masks', () => drawMaskView(dom.mask, table.trials, table.bitNames, view.objectiveIndex, objective));
    timed('history', () => onClick(mount(dom.history, historyOption(table.trials, view.objectiveIndex, objective)),
      p => p.value[0]));
    timed('intermediate', () => mount(dom.intermediate, intermediateOption(table.trials)));
    timed('fairness', () => onClick(mount(dom.fairness, fairnessOption(table.trials, pareto && pareto.map(t => t.number),
      view.selected)), p => p.value[2]));
    dom.bits.style.height = Math.max(160, 46 + 17 * effects.bits.length) + 'px';
    timed('bits', () => mount(dom.bits, bitEffectsOption(effects)).resize());
    dom.bitsNote.textContent = effects.trials + ' completed search trials; Δ = mean ' + effects.objective +
      ' with the bit trained − frozen (' + (effects.direction === 'minimize' ? 'negative' : 'positive') +
      ' is better), 95% Welch interval. Observational: the sampler decides which masks are tried.';
    timed('final', () => renderFinal(dom, table.finalArms, table.trials));
    timed('table', () => renderTable(dom, table, view, select));
    const start = performance.now();
    await renderSelected(await detail);
    times.selected = Math.round(performance.now() - start);
    document.body.dataset.renderMs = JSON.stringify(times);
  }

  /** Clicking a point selects its trial; trialOf reads the trial number from the point. */
  function onClick(chart, trialOf) {
    chart.off('click');
    chart.on('click', p => Array.isArray(p.value) && select(trialOf(p)));
  }

  /** The selected trial's row and per-group metrics; null when they are already drawn for its current state. */
  async function fetchDetail(data) {
    const row = data.table.trials.find(r => r.number === view.selected);
    if (!row) return null;
    const key = row.number + ':' + row.state + ':' + row.attempt;
    if (key === view.detailKey) return null;
    return { row, key, detail: await getJson(base + '/trials/' + row.number) };
  }

  function renderSelected(selected) {
    if (!selected) return;
    const { row, key, detail } = selected;
    view.detailKey = key;
    dom.selectedInput.value = row.number;
    const attrs = [...new Set(detail.groups.map(g => g.attribute))];
    const attribute = attrs.includes(dom.attribute.value) ? dom.attribute.value : attrs[0];
    dom.attribute.replaceChildren(...attrs.map(a => el('option', { value: a, selected: a === attribute }, a)));
    const groups = detail.groups.filter(g => g.attribute === attribute);
    mount(dom.groups, groupsOption(groups));
    const ci = e => e.value === null ? 'undefined' : fmt(e.value, 4) + (e.low === null ? '' : ' [' + fmt(e.low, 4) + ', ' + fmt(e.high, 4) + ']');
    dom.groupsNote.textContent = 'Trial #' + row.number + ' (' + row.state + ', ' + detail.trial.mask + '): worst-group AUC ' +
      ci(detail.minAuc) + ', AUC gap ' + ci(detail.aucGap) + ' (evaluator bootstrap, 95%). Per-group bars: ' +
      'AUC with a Hanley–McNeil interval, TPR and FPR with Wilson intervals, from the group counts.';
  }

  function select(number) {
    view.selected = number;
    view.detailKey = null;
    if (view.data) render(view.data).catch(fail);
  }

  async function exportTable(which, format) {
    const text = await getText(base + '/export/' + which + '?format=' + format, format === 'csv' ? 'text/csv' : 'application/json');
    const name = (view.data?.study.name || id).replace(/[^\w.-]/g, '_') + '-' + which + '.' + format;
    download(name, text, format === 'csv' ? 'text/csv' : 'application/json');
    return text;
  }

  await refresh();
  if (!shown) return () => {};
  document.body.dataset.loaded = id;
  document.body.dataset.loadMs = performance.now().toFixed(0);
  return () => {
    stopped = true;
    clearTimeout(timer);
    window.removeEventListener('resize', onResize);
    delete document.body.dataset.loaded;
  };
}

/** The page's fixed layout, built once; refreshes only replace contents. */
function skeleton(app, data, view, actions) {
  const chart = id => el('div', { class: 'chart', id });
  const card = (title, note, ...body) => el('section', { class: 'card' }, el('h2', {}, title),
    note ? el('p', { class: 'note' }, note) : null, ...body);
  const d = {
    summary: el('div', { class: 'summary', id: 'summary' }),
    status: el('span', { class: 'error', id: 'status' }),
    history: chart('chart-history'), intermediate: chart('chart-intermediate'), fairness: chart('chart-fairness'),
    groups: chart('chart-groups'), bits: chart('chart-bits'), final: chart('chart-final'),
    mask: el('canvas', { id: 'mask-view' }),
    groupsNote: el('p', { class: 'note', id: 'groups-note' }), bitsNote: el('p', { class: 'note' }),
    attribute: el('select', { id: 'attribute' }),
    selectedInput: el('input', { type: 'number', id: 'selected-trial', min: 0, style: 'width:90px' }),
    finalTable: el('div', { id: 'final-table' }), finalCard: null,
    table: el('div', { id: 'trial-table' }),
  };
  d.charts = [d.history, d.intermediate, d.fairness, d.groups, d.bits, d.final];
  d.attribute.addEventListener('change', () => { view.detailKey = null; actions.rerender(); });
  d.selectedInput.addEventListener('change', () => actions.select(Number(d.selectedInput.value)));
  const objectives = data.table.objectives;
  const objectiveSelect = objectives.length > 1 ? el('select', { id: 'objective', onchange: ev => {
    view.objectiveIndex = Number(ev.target.value);
    actions.rerender();
  } }, objectives.map((o, i) => el('option', { value: i }, o.id))) : null;
  const exportButton = (which, format) => el('button', { type: 'button', id: 'export-' + which + '-' + format,
    onclick: () => actions.exportTable(which, format) }, which + ' ' + format.toUpperCase());
  d.finalCard = card('Final phase (test split)', 'Each arm retrained on the final seeds: worst-group AUC per seed, mean ± 95% CI (Student t).',
    d.final, d.finalTable);
  clear(app).append(
    d.summary,
    el('div', { class: 'toolbar' }, objectiveSelect ? ['Objective ', objectiveSelect] : null, 'Export: ',
      exportButton('trials', 'csv'), exportButton('trials', 'json'), exportButton('final', 'csv'),
      exportButton('final', 'json'), d.status),
    el('div', { class: 'grid' },
      card('Optimization history', 'Objective of each completed search trial and the best so far.', d.history),
      card('Intermediate values', 'Per epoch, as the trainer reports them; pruned trials in orange.', d.intermediate),
      card('Worst-group AUC vs AUC gap', 'Every scored search trial (validation). Click a point to inspect it.', d.fairness),
      card('Per-group metrics', null, el('div', { class: 'toolbar' }, 'Trial ', d.selectedInput, ' attribute ', d.attribute),
        d.groups, d.groupsNote)),
    el('div', { class: 'grid', style: 'margin-top:14px' },
      card('Masks', 'Completed search trials (rows, best first) × mask bits (columns, named by the component they unfreeze); blue = trained.', d.mask),
      card('Per-bit effect', null, d.bitsNote, d.bits)),
    el('div', { style: 'margin-top:14px' }, d.finalCard,
      card('Trials', 'Click a row to inspect the trial above.', d.table)));
  return d;
}

function firstScored(rows) {
  const r = rows.find(r => r.phase === 'SEARCH' && r.state === 'COMPLETE');
  return r ? r.number : null;
}

function renderSummary(node, s) {
  const objectives = s.objectives.join(', ');
  clear(node).append(
    el('h1', { id: 'study-name' }, s.name), stateBadge(s.state),
    el('span', {}, progress(s.counted, s.trialBudget), ' ', el('span', { id: 'progress' }, s.counted + ' / ' + s.trialBudget),
      ' search trials counted'),
    el('span', {}, 'complete ' + s.complete + ', pruned ' + s.pruned + ', failed ' + s.failed + ', in flight ' + s.inFlight),
    el('span', {}, 'best ' + s.objectives[0] + ' ', el('b', { id: 'best' }, fmt(s.bestObjective, 4)),
      s.bestTrial === null ? null : ' (trial #' + s.bestTrial + ')'),
    el('span', { class: 'muted' }, s.sampler + ' sampler, ' + s.searchSpace + ' space, objectives: ' + objectives),
    el('span', { class: 'muted' }, 'created ' + fmtTime(s.createdAt) + ', updated ' + fmtTime(s.updatedAt)),
    el('a', { href: '#/' }, 'All studies'));
}

const FINAL_METRICS = [['Overall AUC', 'overall.auc', 'overallAuc'], ['Worst-group AUC', 'min_auc', 'minAuc'],
  ['AUC gap', 'auc_gap', 'aucGap'], ['EqOdd', 'eodds_diff', 'eqOdd']];

function renderFinal(d, arms, rows) {
  d.finalCard.hidden = arms.length === 0;
  if (arms.length === 0) return;
  const finalRows = rows.filter(r => r.phase === 'FINAL');
  mount(d.final, finalOption(arms, finalRows));
  const body = [];
  for (const arm of arms) {
    for (const r of finalRows.filter(r => r.arm === arm.arm).sort((a, b) => a.seedIndex - b.seedIndex)) {
      body.push(el('tr', { 'data-arm': arm.arm, 'data-seed': r.seedIndex },
        el('td', {}, arm.arm), el('td', {}, 'seed ' + r.seedIndex), el('td', {}, stateBadge(r.state)),
        FINAL_METRICS.map(([, , field]) => el('td', { class: 'num' }, fmt(r[field], 4)))));
    }
    body.push(el('tr', { 'data-arm': arm.arm, 'data-seed': 'mean' },
      el('td', {}, el('b', {}, arm.arm)), el('td', {}, el('b', {}, 'mean ± 95% CI')),
      el('td', {}, arm.seedsScored + ' scored' + (arm.seedsFailed ? ', ' + arm.seedsFailed + ' failed' : '')),
      FINAL_METRICS.map(([, key]) => {
        const s = arm.metrics[key];
        return el('td', { class: 'num' }, el('b', {}, s ? fmt(s.mean, 4) + (s.ci95 === null ? '' : ' ± ' + fmt(s.ci95, 4)) : '–'));
      })));
  }
  clear(d.finalTable).append(el('table', { id: 'final' },
    el('thead', {}, el('tr', {}, ['Arm', 'Seed', 'State', ...FINAL_METRICS.map(m => m[0])].map(h => el('th', {}, h)))),
    el('tbody', {}, body)));
}

function renderTable(d, table, view, select) {
  const rows = table.trials;
  const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
  view.page = Math.min(view.page, pages - 1);
  const pageRows = rows.slice(view.page * PAGE_SIZE, (view.page + 1) * PAGE_SIZE);
  const objectiveHeads = table.objectives.map(o => o.id);
  const body = pageRows.map(r => el('tr', { class: 'clickable' + (r.number === view.selected ? ' selected' : ''),
    'data-trial': r.number, 'data-state': r.state, onclick: () => select(r.number) },
    el('td', { class: 'num' }, r.number),
    el('td', {}, r.phase === 'FINAL' ? 'final ' + r.arm + ' #' + r.seedIndex
      : r.phase === 'REEVAL' ? 'reeval ' + r.arm.replace('reeval:', '#') + ' seed ' + (r.seedIndex + 1) : 'search'),
    el('td', {}, stateBadge(r.state)),
    el('td', { class: 'mask' }, r.mask),
    el('td', { class: 'num' }, fmtLr(r.learningRate)),
    table.objectives.map((o, i) => el('td', { class: 'num' }, fmt(r.objectives?.[i], 4))),
    el('td', { class: 'num' }, fmt(r.minAuc, 4)), el('td', { class: 'num' }, fmt(r.aucGap, 4)),
    el('td', { class: 'num' }, fmt(r.eqOdd, 4)),
    el('td', {}, Object.entries(r.intermediate || {}).map(([e, v]) => e + ': ' + fmt(v, 3)).join(', ')),
    el('td', {}, r.divergence ? el('strong', { class: 'diverged' }, 'diverged at epoch ' + r.divergence.epoch + ', step '
      + r.divergence.step + ' (lr ' + fmtLr(r.divergence.learningRate) + ', ' + r.divergence.quantity + ' '
      + r.divergence.value + ')') : '', r.divergence ? ' ' : '', r.failureReason || ''),
    el('td', { class: 'num' }, r.attempt), el('td', {}, r.trainerId || '')));
  const pager = el('div', { class: 'pager' },
    el('button', { type: 'button', disabled: view.page === 0, onclick: () => { view.page--; renderTable(d, table, view, select); } }, '‹ prev'),
    el('span', { id: 'page' }, 'page ' + (view.page + 1) + ' of ' + pages + ' (' + rows.length + ' trials)'),
    el('button', { type: 'button', disabled: view.page >= pages - 1, onclick: () => { view.page++; renderTable(d, table, view, select); } }, 'next ›'));
  clear(d.table).append(el('table', { id: 'trials' },
    el('thead', {}, el('tr', {}, ['#', 'Phase', 'State', 'Mask', 'LR', ...objectiveHeads, 'Worst-group AUC', 'AUC gap',
      'EqOdd', 'Intermediate (epoch: value)', 'Pruned/failed reason', 'Attempts', 'Trainer'].map(h => el('th', {}, h)))),
    el('tbody', {}, body)), pager);
}
