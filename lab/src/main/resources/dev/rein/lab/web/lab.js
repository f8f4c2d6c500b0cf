// The rein lab page: calls the JSON API (docs/lab.md) and draws its answers with ECharts.
'use strict';

const $ = id => document.getElementById(id);
let model = null;          // GET /api/model
let attention = null;      // the last /api/attention answer
let patchAbort = null;     // the running patch sweep's AbortController
let generateAbort = null;  // the running generation's AbortController

// A token's vocabulary piece as shown: SentencePiece's and GPT-2's space markers as a visible dot.
const show = piece => (piece ?? '?').replace(/[\u2581\u0120]/g, '\u00b7').replace(/\n/g, '\\n');
const percent = p => (100 * p).toFixed(p < 0.1 ? 1 : 0) + '%';

async function post(path, body) {
  const response = await fetch(path, {method: 'POST', headers: {'Content-Type': 'application/json'},
    body: JSON.stringify(body)});
  const json = await response.json();
  if (!response.ok) throw new Error(json.error.message);
  return json;
}

// POSTs with "stream": true and hands each server-sent event to onEvent(name, data); resolves with the result event.
async function stream(path, body, onEvent, signal) {
  const response = await fetch(path, {method: 'POST', headers: {'Content-Type': 'application/json'},
    body: JSON.stringify({...body, stream: true}), signal});
  if (!response.ok) throw new Error((await response.json()).error.message);
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let result = null;
  for (;;) {
    const {value, done} = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, {stream: true});
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let name = 'message', data = '';
      for (const line of block.split('\n')) {
        if (line.startsWith('event: ')) name = line.slice(7);
        else if (line.startsWith('data: ')) data += line.slice(6);
      }
      const parsed = JSON.parse(data);
      if (name === 'error') throw new Error(parsed.error.message);
      if (name === 'result') result = parsed;
      else onEvent(name, parsed);
    }
  }
  if (result === null) throw new Error('the stream ended without a result');
  return result;
}

function status(id, text, error) {
  $(id).textContent = text;
  $(id).classList.toggle('error', !!error);
}

// A heatmap of cells [x, y, value]; x and y are category labels. Replaces what the element showed before.
function heatmap(element, xLabels, yLabels, cells, options) {
  const chart = echarts.getInstanceByDom(element) || echarts.init(element);
  chart.setOption({
    title: options.title ? {text: options.title, textStyle: {fontSize: 12}} : undefined,
    tooltip: {position: 'top', formatter: options.tooltip},
    grid: {top: options.title ? 30 : 10, left: 90, right: 20, bottom: 90},
    xAxis: {type: 'category', data: xLabels, name: options.xName, nameLocation: 'middle', nameGap: 70,
      axisLabel: {rotate: 60, interval: 0, fontSize: 10}},
    yAxis: {type: 'category', data: yLabels, name: options.yName, inverse: !!options.inverse,
      axisLabel: {fontSize: 10}},
    visualMap: {min: options.min, max: options.max, calculable: true, orient: 'horizontal', left: 'right',
      bottom: 0, itemHeight: 80, inRange: {color: options.colors}},
    series: [{type: 'heatmap', data: cells, label: {show: !!options.label, fontSize: 9,
      formatter: options.label}, emphasis: {itemStyle: {borderColor: '#000', borderWidth: 1}}}],
  }, true);
  return chart;
}

const tokenLabels = tokens => tokens.map((t, i) => i + ' ' + show(t.piece));

async function lookInside() {
  const prompt = $('prompt').value;
  status('run-status', 'running…');
  try {
    const [tokens, lens, attn] = [await post('/api/tokens', {prompt, k: 3}), await post('/api/lens', {prompt, k: 5}),
      await post('/api/attention', {prompt, layer: +$('attn-layer').value})];
    drawTokens(tokens);
    drawLens(lens);
    attention = {...attn, prompt};
    drawHeadScores();
    await drawAttention();
    status('run-status', 'done');
  } catch (e) {
    status('run-status', e.message, true);
  }
}

function drawTokens(answer) {
  const box = $('tokens');
  box.replaceChildren();
  answer.tokens.forEach((token, i) => {
    const div = document.createElement('div');
    div.className = 'token';
    const piece = document.createElement('span');
    piece.className = 'piece';
    piece.textContent = show(token.piece);
    div.append(piece);
    for (const p of answer.predictions[i]) {
      const line = document.createElement('span');
      line.className = 'pred';
      line.textContent = show(p.piece) + ' ' + percent(p.probability);
      div.append(line);
    }
    box.append(div);
  });
}

function drawLens(lens) {
  const cells = [];
  lens.cells.forEach((row, layer) => row.forEach((best, position) => cells.push([position, layer, best[0].probability])));
  heatmap($('lens-chart'), tokenLabels(lens.tokens), lens.points.map((p, i) => 'block ' + i), cells, {
    min: 0, max: 1, xName: 'position (input token)', colors: ['#f7fbff', '#08306b'],
    label: c => show(lens.cells[c.data[1]][c.data[0]][0].piece),
    tooltip: c => {
      const best = lens.cells[c.data[1]][c.data[0]];
      return lens.points[c.data[1]] + ', position ' + c.data[0] + '<br>' +
        best.map(p => show(p.piece) + ' ' + percent(p.probability)).join('<br>');
    },
  });
}

function drawHeadScores() {
  const table = $('head-scores');
  table.replaceChildren();
  const header = table.insertRow();
  for (const title of ['layer', 'head', 'entropy (bits)', 'previous token', 'induction']) {
    const th = document.createElement('th');
    th.textContent = title;
    header.append(th);
  }
  const fixed = v => v === null ? '-' : v.toFixed(2);
  attention.scores.forEach((heads, layer) => heads.forEach((s, head) => {
    const row = table.insertRow();
    row.dataset.layer = layer;
    row.dataset.head = head;
    for (const v of [layer, head, fixed(s.entropy_bits), fixed(s.previous_token), fixed(s.induction)]) {
      row.insertCell().textContent = v;
    }
    row.onclick = () => {
      $('attn-layer').value = layer;
      $('attn-head').value = head;
      drawAttention();
    };
  }));
}

// Draws the chosen head; a layer whose patterns were not sent yet is fetched first (only one layer's are sent).
async function drawAttention() {
  if (!attention) return;
  const layer = +$('attn-layer').value, head = +$('attn-head').value;
  if (attention.patterns[layer] === null) {
    const answer = await post('/api/attention', {prompt: attention.prompt, layer});
    attention.patterns[layer] = answer.patterns[layer];
  }
  const pattern = attention.patterns[layer][head];
  const cells = [];
  pattern.forEach((row, query) => row.forEach((w, key) => { if (key <= query) cells.push([key, query, w]); }));
  const labels = tokenLabels(attention.tokens);
  heatmap($('attn-chart'), labels, labels, cells, {
    min: 0, max: 1, inverse: true, xName: 'attended position', colors: ['#fff7ec', '#7f0000'],
    title: 'layer ' + layer + ', head ' + head,
    tooltip: c => labels[c.data[1]] + ' \u2192 ' + labels[c.data[0]] + ': ' + c.data[2].toFixed(3),
  });
  for (const row of $('head-scores').rows) {
    row.classList.toggle('selected', +row.dataset.layer === layer && +row.dataset.head === head);
  }
}

async function patch() {
  const sites = [...document.querySelectorAll('.site:checked')].map(box => box.value);
  patchAbort = new AbortController();
  $('patch-run').disabled = true;
  $('patch-cancel').disabled = false;
  status('patch-status', 'patching…');
  $('patch-progress').value = 0;
  try {
    const result = await stream('/api/patch', {clean: $('clean').value, corrupted: $('corrupted').value, sites},
      (event, data) => {
        $('patch-progress').max = data.total;
        $('patch-progress').value = data.done;
      }, patchAbort.signal);
    drawPatching(result);
    status('patch-status', 'done: ' + show(result.answer.piece) + ' vs ' + show(result.wrong.piece) +
      ', clean difference ' + result.clean_difference.toFixed(2) + ', corrupted ' +
      result.corrupted_difference.toFixed(2));
  } catch (e) {
    status('patch-status', e.name === 'AbortError' ? 'cancelled' : e.message, e.name !== 'AbortError');
  } finally {
    $('patch-run').disabled = false;
    $('patch-cancel').disabled = true;
  }
}

function drawPatching(result) {
  const box = $('patch-charts');
  box.replaceChildren();
  const labels = tokenLabels(result.corrupted);
  for (const [site, answer] of Object.entries(result.sites)) {
    const div = document.createElement('div');
    div.className = 'chart';
    div.id = 'patch-' + site;
    box.append(div);
    const cells = [];
    answer.recovered.forEach((row, layer) => row.forEach((v, column) => cells.push([column, layer, v])));
    const columns = answer.columns === 'head' ? answer.recovered[0].map((v, h) => 'head ' + h) : labels;
    heatmap(div, columns, answer.recovered.map((r, l) => 'block ' + l), cells, {
      min: -1, max: 1, title: site, xName: answer.columns, colors: ['#2166ac', '#f7f7f7', '#b2182b'],
      tooltip: c => site + ', block ' + c.data[1] + ', ' + columns[c.data[0]] + ': ' + c.data[2].toFixed(3),
    });
  }
}

async function buildVector() {
  const lines = id => $(id).value.split('\n').map(s => s.trim()).filter(s => s.length > 0);
  status('build-status', 'building…');
  try {
    const built = await post('/api/steer/build', {name: 'built', positive: lines('positive'),
      negative: lines('negative'), layer: +$('steer-layer').value});
    addOption('vector', built.name);
    $('vector').value = built.name;
    status('build-status', 'built "' + built.name + '" at block ' + built.layer + ', norm ' + built.norm.toFixed(2));
  } catch (e) {
    status('build-status', e.message, true);
  }
}

async function loadVector() {
  status('load-status', 'loading…');
  try {
    const loaded = await post('/api/steer/load', {name: $('load-name').value, path: $('load-path').value});
    addOption('vector', loaded.name);
    $('vector').value = loaded.name;
    status('load-status', 'loaded "' + loaded.name + '" (blocks ' + loaded.layers.join(', ') + ')');
  } catch (e) {
    status('load-status', e.message, true);
  }
}

function addOption(select, value) {
  if ([...$(select).options].some(o => o.value === value)) return;
  const option = document.createElement('option');
  option.value = option.textContent = value;
  $(select).append(option);
}

async function generate() {
  if (generateAbort) generateAbort.abort();          // a newer request replaces one still running
  const abort = generateAbort = new AbortController();
  const body = {prompt: $('gen-prompt').value, max_tokens: +$('gen-tokens').value};
  if ($('vector').value) body.steering = {vector: $('vector').value, strength: +$('strength').value};
  if ($('value-model').value) {
    body.recontrol = {value_model: $('value-model').value, steps: +$('recontrol-steps').value,
      step_size: +$('recontrol-step').value};
  }
  if ($('cie-tables').value) body.cie = {tables: $('cie-tables').value, controls: {length: +$('cie-length').value}};
  $('plain').textContent = '';
  $('steered').textContent = '';
  status('generate-status', 'generating…');
  try {
    const result = await stream('/api/generate', body, (event, data) => { $(data.side).textContent += data.text; },
      abort.signal);
    $('plain').textContent = result.plain;
    $('steered').textContent = result.steered;
    status('generate-status', 'done (strength ' + $('strength').value + ')');
  } catch (e) {
    if (e.name !== 'AbortError') status('generate-status', e.message, true);
  }
}

async function start() {
  model = await (await fetch('/api/model')).json();
  $('model-info').textContent = model.name + ': ' + model.layers + ' blocks, ' + model.heads + ' heads, width ' +
    model.hidden + ', vocabulary ' + model.vocab;
  for (let l = 0; l < model.layers; l++) {
    addOption('attn-layer', String(l));
    addOption('steer-layer', String(l));
  }
  for (let h = 0; h < model.heads; h++) addOption('attn-head', String(h));
  $('steer-layer').value = String(Math.floor(model.layers / 2));
  Object.keys(model.assets.steering_vectors).forEach(name => addOption('vector', name));
  model.built_vectors.forEach(name => addOption('vector', name));
  Object.keys(model.assets.value_models).forEach(name => addOption('value-model', name));
  Object.keys(model.assets.cie).forEach(name => addOption('cie-tables', name));
  $('run').onclick = lookInside;
  $('attn-layer').onchange = $('attn-head').onchange = drawAttention;
  $('patch-run').onclick = patch;
  $('patch-cancel').onclick = () => patchAbort && patchAbort.abort();
  $('build').onclick = buildVector;
  $('load').onclick = loadVector;
  $('generate').onclick = generate;
  $('strength').oninput = () => { $('strength-value').textContent = $('strength').value; };
  $('strength').onchange = generate;
  window.addEventListener('resize', () => document.querySelectorAll('.chart').forEach(el => {
    const chart = echarts.getInstanceByDom(el);
    if (chart) chart.resize();
  }));
  document.body.dataset.ready = 'true';
  lookInside();
}

start();
