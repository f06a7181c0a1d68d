// The action builder's page: plain JavaScript over the backend's HTTP API. Every value from the server is written with
// textContent (never as HTML), and every state-changing request carries the antiforgery token.
'use strict';

const state = { csrf: null, actions: [], connection: null, action: null };
const $ = (id) => document.getElementById(id);

async function api(method, path, body) {
  const headers = { 'Accept': 'application/json' };
  if (method !== 'GET') {
    headers[state.csrf.headerName] = state.csrf.token;
  }
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok && !(json && 'success' in json)) {
    throw new Error((json && json.error) || `${response.status} ${response.statusText}`);
  }
  return json;
}

function notice(text, isError) {
  const element = $('notice');
  element.textContent = text;
  element.className = isError ? 'notice error' : 'notice';
  element.hidden = !text;
}

function item(text, className) {
  const li = document.createElement('li');
  li.textContent = text;
  if (className) li.className = className;
  return li;
}

async function loadConnections() {
  const list = $('connections');
  list.replaceChildren();
  const connections = await api('GET', '/api/connections');
  if (connections.length === 0) {
    list.append(item('No connection yet: name one and click Connect Microsoft Entra.', 'muted'));
  }
  for (const connection of connections) {
    const li = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'link';
    button.dataset.testid = `connection-${connection.name}`;
    button.textContent = `${connection.name} (${connection.userPrincipalName || 'connected'})`;
    button.addEventListener('click', () => showConnection(connection.name));
    li.append(button);
    list.append(li);
  }
  return connections;
}

async function showConnection(name) {
  notice('Checking the connection...');
  const details = await api('GET', `/api/connections/${encodeURIComponent(name)}`);
  const check = details.check;
  state.connection = name;
  $('details').hidden = false;
  $('details-name').textContent = name;
  $('status').textContent = check.works ? 'Connected' : 'Not working';
  $('status').className = check.works ? 'badge ok' : 'badge bad';
  $('tenant').textContent = `${check.organizationDisplayName || '(name not readable)'} (${check.tenantId || 'unknown tenant'})`;
  $('domains').textContent = (check.verifiedDomains || []).join(', ') || '(none readable)';
  $('account').textContent = `${details.displayName || ''} <${check.userPrincipalName || check.applicationId || details.userPrincipalName}> (${check.permissionModel} permissions)`;
  $('granted').textContent = (check.grantedPermissions || []).join(', ') || '(none)';
  $('excess').textContent = (check.excessPermissions || []).join(', ') || 'none';
  const rows = $('readiness').tBodies[0];
  rows.replaceChildren();
  for (const action of check.actions || []) {
    const tr = document.createElement('tr');
    for (const text of [action.displayName, action.requiredPermissions.join(', '), action.canRun ? 'ready' : `missing ${action.missingPermissions.join(', ')}`]) {
      const td = document.createElement('td');
      td.textContent = text;
      tr.append(td);
    }
    rows.append(tr);
  }
  const warnings = $('warnings');
  warnings.replaceChildren();
  if (check.error) warnings.append(item(`${check.error.kind}: ${check.error.message}`, 'error'));
  for (const warning of check.warnings || []) warnings.append(item(`${warning.kind}: ${warning.message}`));
  notice('');
}

function loadActions() {
  const list = $('actions');
  list.replaceChildren();
  for (const action of state.actions) {
    const li = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'action';
    button.dataset.testid = `action-${action.id}`;
    const title = document.createElement('strong');
    title.textContent = action.displayName;
    const description = document.createElement('span');
    description.textContent = action.description;
    button.append(title, description);
    button.addEventListener('click', () => chooseAction(action));
    li.append(button);
    list.append(li);
  }
}

function chooseAction(action) {
  state.action = action;
  $('run-panel').hidden = false;
  $('run-title').textContent = action.displayName;
  $('run-description').textContent = `${action.description} (${action.id}; ${action.isWrite ? 'writes' : 'reads'})`;
  const inputs = $('inputs');
  inputs.replaceChildren();
  const schema = action.inputSchema;
  const required = new Set(schema.required || []);
  for (const [name, property] of Object.entries(schema.properties || {})) {
    if (name === 'dryRun') continue;
    const row = document.createElement('div');
    row.className = 'field';
    const label = document.createElement('label');
    label.htmlFor = `input-${name}`;
    label.textContent = `${property.title || name}${required.has(name) ? ' *' : ''}`;
    const types = [].concat(property.type || 'string');
    let field;
    if (types.includes('boolean')) {
      field = document.createElement('input');
      field.type = 'checkbox';
    } else if (types.includes('array')) {
      field = document.createElement('textarea');
      field.rows = 3;
      field.placeholder = 'one per line';
    } else {
      field = document.createElement('input');
      field.type = types.includes('integer') ? 'number' : 'text';
    }
    field.id = `input-${name}`;
    field.name = name;
    field.dataset.testid = `input-${name}`;
    field.dataset.kind = types.includes('boolean') ? 'boolean' : types.includes('array') ? 'array' : types.includes('integer') ? 'integer' : 'string';
    const hint = document.createElement('small');
    hint.textContent = property.description || '';
    row.append(label, field, hint);
    inputs.append(row);
  }
  const hasDryRun = Boolean(schema.properties && schema.properties.dryRun);
  $('dry-run-row').hidden = !hasDryRun;
  $('dry-run').checked = false;
  $('result').hidden = true;
}

function readInputs() {
  const values = {};
  for (const field of $('inputs').querySelectorAll('[name]')) {
    const kind = field.dataset.kind;
    if (kind === 'boolean') {
      if (field.checked) values[field.name] = true;
    } else if (field.value.trim() !== '') {
      values[field.name] = kind === 'array' ? field.value.split('\n').map((v) => v.trim()).filter((v) => v) : kind === 'integer' ? Number(field.value) : field.value;
    }
  }
  if (!$('dry-run-row').hidden && $('dry-run').checked) values.dryRun = true;
  return values;
}

async function run(event) {
  event.preventDefault();
  if (!state.connection) {
    notice('Connect Microsoft Entra and choose a connection first.', true);
    return;
  }
  const result = await api('POST', `/api/connections/${encodeURIComponent(state.connection)}/actions/${encodeURIComponent(state.action.id)}`, readInputs());
  $('result').hidden = false;
  $('result-title').textContent = result.success ? 'Output' : 'Error';
  $('error').hidden = result.success;
  if (!result.success) {
    $('error-kind').textContent = result.error.kind;
    $('error-message').textContent = result.error.message;
    $('error-request-id').textContent = result.error.requestId || '(none: no request was sent)';
  }
  $('output').textContent = JSON.stringify(result.success ? result.outputs : result.error, null, 2);
}

async function connect(event) {
  event.preventDefault();
  const name = $('connection-name').value.trim();
  const start = await api('POST', `/api/connections/${encodeURIComponent(name)}/connect`);
  window.location.assign(start.authorizationUrl);
}

async function disconnect() {
  const name = state.connection;
  await api('DELETE', `/api/connections/${encodeURIComponent(name)}`);
  state.connection = null;
  $('details').hidden = true;
  await loadConnections();
  notice(`Disconnected ${name}.`);
}

function guard(handler) {
  return (event) => handler(event).catch((error) => notice(error.message, true));
}

async function start() {
  state.csrf = await api('GET', '/api/antiforgery');
  state.actions = await api('GET', '/api/actions');
  loadActions();
  const connections = await loadConnections();
  const query = new URLSearchParams(window.location.search);
  const connected = query.get('connected');
  const connectError = query.get('connectError');
  const first = connected || (connections[0] && connections[0].name);
  if (connected || connectError !== null) {
    history.replaceState(null, '', '/');
  }
  if (first) await showConnection(first);
  // After showing a connection, which clears the notice, so a failed connect stays on screen beside an existing connection.
  // The address carries only the id of what the server recorded for this browser session, never text to show.
  if (connectError !== null) {
    const error = await api('GET', `/api/connect-errors/${encodeURIComponent(connectError)}`).catch(() => null);
    notice(`Connect failed: ${error ? error.message : 'the sign-in did not complete (its details have expired).'}`, true);
  }
}

$('connect-form').addEventListener('submit', guard(connect));
$('run-form').addEventListener('submit', guard(run));
$('disconnect').addEventListener('click', guard(disconnect));
start().catch((error) => notice(error.message, true));
