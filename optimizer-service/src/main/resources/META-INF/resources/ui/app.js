import { AuthError, credential, credentialKind, getJson, setCredential } from './api.js';
import { el, clear } from './dom.js';
import { showStudies } from './studies.js';

const app = document.getElementById('app');
let stopCurrent = () => {};

/** Each view returns a function that stops its polling; a new route stops the old view first. */
async function route() {
  stopCurrent();
  stopCurrent = () => {};
  renderIdentity();
  const hash = location.hash || '#/';
  const study = hash.match(/^#\/studies\/([^/?#]+)$/);
  try {
    if (hash === '#/' || hash === '#') {
      stopCurrent = await showStudies(app, fail);
    } else if (study) {
      // the study's data is requested before the chart code (1 MB of ECharts) is evaluated, so both overlap
      const id = decodeURIComponent(study[1]);
      const first = prefetchStudy(id);
      const { showStudy } = await import('./study.js');
      stopCurrent = await showStudy(app, id, fail, first);
    } else {
      clear(app).append(el('p', { class: 'error' }, 'No such page: ' + hash), el('a', { href: '#/' }, 'All studies'));
    }
  } catch (e) {
    fail(e);
  }
}

function prefetchStudy(id) {
  const request = getJson('api/studies/' + encodeURIComponent(id) + '/trials');
  request.catch(() => {}); // reported when the study page awaits it
  return request;
}

/** Views report errors here: a 401 shows the login form with the server's explanation, anything else the message. */
function fail(e) {
  stopCurrent();
  if (e instanceof AuthError) {
    showLogin(e.message);
    return;
  }
  clear(app).append(el('p', { class: 'error', id: 'error' }, e.message || String(e)),
    el('p', {}, el('a', { href: '#/' }, 'All studies')));
}

function showLogin(serverMessage) {
  const input = el('input', { type: 'password', id: 'credential', autocomplete: 'off',
    placeholder: 'API key (viewer or operator) or OIDC access token' });
  const form = el('form', { class: 'card login', id: 'login' },
    el('h2', {}, 'Sign in to read studies'),
    el('p', { class: 'note' }, 'The dashboard reads the optimizer’s REST API with your credential; it never changes a study. ' +
      'Paste the viewer API key (./fairtune demo prints it) or an access token whose groups claim holds viewer or operator.'),
    el('p', { class: 'error', id: 'auth-message' }, serverMessage),
    input, el('button', { type: 'submit' }, 'Sign in'));
  form.addEventListener('submit', ev => {
    ev.preventDefault();
    setCredential(input.value);
    route();
  });
  clear(app).append(form);
  input.focus();
  renderIdentity();
}

function renderIdentity() {
  const kind = credentialKind();
  document.getElementById('identity').textContent = kind ? 'signed in with ' + (kind === 'API key' ? 'an ' : 'a ') + kind : '';
  document.getElementById('logout').hidden = !credential();
}

document.getElementById('logout').addEventListener('click', () => {
  setCredential(null);
  route();
});
window.addEventListener('hashchange', route);
route();
