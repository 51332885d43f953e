// newsdex: the search page. Plain JavaScript, no framework, no network beyond this server.
//
// The URL holds the whole state (/?q=Rubio+Lavrov&person=Sergey+Lavrov&article=ID), so a search can
// be shared and back/forward work. Every piece of article text is inserted as text (textContent,
// text nodes); the only HTML taken from the server is a snippet, which the server escapes and which
// is rebuilt here from its text and <b> elements only.
'use strict';

const PAGE = 10;
const MAX_OFFSET = 10000;
const PALETTE = 8; // colour classes p0..p7 for people in an article
const FEW = 8; // facet entries shown on a phone before "All N" (app.css: nth-child(n+9))
const $ = (selector) => document.querySelector(selector);
const SVG = 'http://www.w3.org/2000/svg';

// ---- elements ---------------------------------------------------------------------------------

// Returns a new element: attributes from `attrs` (on… keys become listeners), children appended as
// nodes or as text.
function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  setAttrs(e, attrs);
  for (const c of children.flat()) {
    if (c !== null && c !== undefined && c !== false) e.append(c instanceof Node ? c : String(c));
  }
  return e;
}

function svg(tag, attrs, ...children) {
  const e = document.createElementNS(SVG, tag);
  setAttrs(e, attrs);
  for (const c of children) e.append(c instanceof Node ? c : String(c));
  return e;
}

function setAttrs(e, attrs) {
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (k === 'class') e.setAttribute('class', v);
    else e.setAttribute(k, v === true ? '' : String(v));
  }
}

// The server's snippet HTML as nodes: its text, and <b> for matched words. Anything else the
// string might hold becomes text; a <template> never runs scripts or loads images while parsing.
function snippetNodes(html) {
  const t = document.createElement('template');
  t.innerHTML = html;
  const out = [];
  for (const n of t.content.childNodes) {
    if (n.nodeType === Node.ELEMENT_NODE && n.tagName === 'B') out.push(el('b', {}, n.textContent));
    else out.push(document.createTextNode(n.textContent));
  }
  return out;
}

// ---- state and URLs ---------------------------------------------------------------------------

function readState(search = location.search) {
  const p = new URLSearchParams(search);
  const offset = parseInt(p.get('offset') || '0', 10);
  return {
    q: p.get('q') || '',
    persons: [...new Set(p.getAll('person').filter(Boolean))],
    source: p.get('source') || '',
    since: p.get('since') || '',
    until: p.get('until') || '',
    sort: p.get('sort') === 'date' || p.get('sort') === 'relevance' ? p.get('sort') : '',
    offset: Number.isFinite(offset) ? Math.min(Math.max(0, offset), MAX_OFFSET) : 0,
    article: p.get('article') || '',
  };
}

// The query string for `s`: the page's own (with `article`) or the API's.
function queryString(s, forApi = false) {
  const p = new URLSearchParams();
  if (s.q) p.set('q', s.q);
  for (const n of s.persons) p.append('person', n);
  if (s.source) p.set('source', s.source);
  if (s.since) p.set('since', s.since);
  if (s.until) p.set('until', s.until);
  const sort = forApi ? effectiveSort(s) : s.sort;
  if (sort) p.set('sort', sort);
  if (s.offset) p.set('offset', String(s.offset));
  if (forApi) p.set('limit', String(PAGE));
  else if (s.article) p.set('article', s.article);
  return p.toString();
}

function pageUrl(s) {
  const q = queryString(s);
  return q ? '/?' + q : '/';
}

// Relevance when there are words to rank by, newest first when browsing everything.
function effectiveSort(s) {
  if (s.sort) return s.sort;
  const q = s.q.trim();
  return q && q !== '*' ? 'relevance' : 'date';
}

// Goes to state `s`: a new history entry (the current one remembers its scroll position).
function go(s) {
  history.replaceState({ scroll: window.scrollY, fromResults: history.state?.fromResults }, '');
  history.pushState({ scroll: 0, fromResults: !readState().article && !!s.article }, '', pageUrl(s));
  render();
}

// A click on a link to one of our own pages: handled here, unless the reader wants a new tab.
function follow(event, s) {
  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  go(s);
}

function withPerson(s, name) {
  return { ...s, persons: s.persons.includes(name) ? s.persons : [...s.persons, name], offset: 0, article: '' };
}

function withoutPerson(s, name) {
  return { ...s, persons: s.persons.filter((n) => n !== name), offset: 0, article: '' };
}

// ---- the API ----------------------------------------------------------------------------------

const cache = new Map(); // url -> {at, body}; answers are reused for 20 s (the index may grow)

async function getJSON(url) {
  const hit = cache.get(url);
  if (hit && Date.now() - hit.at < 20000) return hit.body;
  let response;
  try {
    response = await fetch(url, { headers: { Accept: 'application/json' } });
  } catch {
    throw new Error('The newsdex server does not answer. Is it still running?');
  }
  let body;
  try {
    body = await response.json();
  } catch {
    body = {};
  }
  if (!response.ok) {
    const error = new Error(body.error || `The server answered ${response.status}.`);
    error.status = response.status;
    throw error;
  }
  cache.set(url, { at: Date.now(), body });
  if (cache.size > 100) cache.delete(cache.keys().next().value);
  return body;
}

// ---- rendering --------------------------------------------------------------------------------

let ticket = 0; // the latest render; older answers arriving late are dropped

function render() {
  const s = readState();
  const q = $('#q');
  if (document.activeElement !== q) q.value = s.q;
  if (s.article) showArticle(s);
  else showResults(s);
}

function restoreScroll() {
  window.scrollTo(0, history.state?.scroll || 0);
}

async function showResults(s) {
  const mine = ++ticket;
  $('#article-view').hidden = true;
  $('#article-view').replaceChildren();
  $('#results-view').hidden = false;
  document.title = s.q ? `${s.q} · newsdex` : 'newsdex';
  renderChips(s);
  renderSort(s);
  $('#results-view').setAttribute('aria-busy', 'true');
  let data;
  try {
    data = await getJSON('/api/search?' + queryString(s, true));
  } catch (e) {
    if (mine !== ticket) return;
    $('#results-view').removeAttribute('aria-busy');
    showError(e.message);
    for (const id of ['#hits', '#pager', '#people-facet', '#source-facet', '#histogram']) $(id).replaceChildren();
    $('#summary').textContent = '';
    $('.facets').hidden = true;
    $('.timeline').hidden = true;
    return;
  }
  if (mine !== ticket) return;
  $('#results-view').removeAttribute('aria-busy');
  showError('');
  $('.facets').hidden = false;
  renderSummary(s, data);
  renderHits(s, data.hits);
  renderPeopleFacet(s, data.facets.people);
  renderSourceFacet(s, data.facets.sources);
  renderHistogram(s, data.facets.months);
  renderPager(s, data.total);
  restoreScroll();
}

function showError(message) {
  const box = $('#error');
  box.textContent = message;
  box.hidden = !message;
}

function plural(n, one, many = one + 's') {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}

function renderSummary(s, data) {
  const p = $('#summary');
  const filtered = s.persons.length || s.source || s.since || s.until;
  if (data.total === 0) {
    p.replaceChildren(
      el('strong', {}, 'No articles match.'),
      ' ',
      filtered ? 'Remove a filter or try other words.' : 'Try fewer or other words.',
    );
    return;
  }
  const from = s.offset + 1;
  const to = Math.min(s.offset + data.hits.length, data.total);
  const what = s.q.trim() && s.q.trim() !== '*' ? [' for ', el('q', {}, s.q.trim())] : [];
  p.replaceChildren(
    data.total > PAGE ? `${from}–${to} of ` : '',
    el('strong', {}, plural(data.total, 'article')),
    ...what,
    el('span', { class: 'muted' }, ` · ${data.took_ms} ms`),
  );
}

function renderHits(s, hits) {
  const list = $('#hits');
  list.replaceChildren();
  list.start = s.offset + 1;
  for (const h of hits) {
    const target = { ...s, article: h.id };
    const meta = [];
    if (h.date) meta.push(el('time', { datetime: h.date }, formatDate(h.date)));
    if (h.source) meta.push(el('span', { class: 'source' }, h.source));
    if (h.copies) meta.push(el('span', { class: 'copies', title: 'Copies of this article elsewhere in the archive' }, `+${plural(h.copies, 'copy', 'copies')}`));
    list.append(
      el(
        'li',
        { class: 'hit' },
        el('h3', {}, el('a', { href: pageUrl(target), 'data-id': h.id, onclick: (e) => follow(e, target) }, h.title || 'Untitled')),
        meta.length ? el('div', { class: 'meta' }, separated(meta)) : null,
        el('p', { class: 'snippet' }, snippetNodes(h.snippet_html)),
        h.people.length
          ? el(
              'ul',
              { class: 'people', 'aria-label': 'People named' },
              h.people.slice(0, 10).map((name) =>
                el(
                  'li',
                  {},
                  el(
                    'button',
                    {
                      type: 'button',
                      class: 'person' + (s.persons.includes(name) ? ' on' : ''),
                      title: s.persons.includes(name) ? `Filtered by ${name}` : `Only articles naming ${name}`,
                      onclick: () => go(withPerson(s, name)),
                    },
                    name,
                  ),
                ),
              ),
              h.people.length > 10 ? el('li', { class: 'muted small' }, `+${h.people.length - 10} more`) : null,
            )
          : null,
      ),
    );
  }
}

// `parts` with a middle dot between each.
function separated(parts) {
  return parts.flatMap((p, i) => (i ? [el('span', { class: 'dot', 'aria-hidden': 'true' }, ' · '), p] : [p]));
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function formatDate(day) {
  const [y, m, d] = day.split('-').map(Number);
  return m && d ? `${d} ${MONTHS[m - 1]} ${y}` : day;
}

function formatMonth(month) {
  const [y, m] = month.split('-').map(Number);
  return m ? `${MONTHS[m - 1]} ${y}` : month;
}

function renderChips(s) {
  const box = $('#chips');
  box.replaceChildren();
  const chip = (kind, label, next) =>
    el(
      'span',
      { class: 'chip ' + kind },
      el('span', { class: 'chip-kind' }, kind),
      el('span', { class: 'chip-label' }, label),
      el('button', { type: 'button', class: 'chip-x', 'aria-label': `Remove filter ${label}`, title: 'Remove this filter', onclick: () => go(next) }, '×'),
    );
  for (const name of s.persons) box.append(chip('person', name, withoutPerson(s, name)));
  if (s.source) box.append(chip('source', s.source, { ...s, source: '', offset: 0 }));
  if (s.since || s.until) {
    const label = s.since === s.until ? s.since : `${s.since || '…'} – ${s.until || '…'}`;
    box.append(chip('date', label, { ...s, since: '', until: '', offset: 0 }));
  }
  const count = box.childElementCount;
  if (count > 1) {
    box.append(el('button', { type: 'button', class: 'clear', onclick: () => go({ ...s, persons: [], source: '', since: '', until: '', offset: 0 }) }, 'Clear all'));
  }
  box.hidden = count === 0;
}

function renderSort(s) {
  const sort = effectiveSort(s);
  for (const b of document.querySelectorAll('.sort button')) {
    b.setAttribute('aria-pressed', String(b.dataset.sort === sort));
  }
}

function facetList(list, items, isOn, onClick, describe) {
  list.replaceChildren();
  const max = Math.max(1, ...items.map((i) => i.articles));
  for (const item of items) {
    const on = isOn(item.name);
    const bar = el('span', { class: 'bar', 'aria-hidden': 'true' });
    bar.style.width = `${Math.max(2, (100 * item.articles) / max)}%`;
    list.append(
      el(
        'li',
        {},
        el(
          'button',
          { type: 'button', class: 'facet-item' + (on ? ' on' : ''), 'data-name': item.name, 'aria-pressed': String(on), title: describe(item, on), onclick: () => onClick(item.name, on) },
          bar,
          el('span', { class: 'name' }, item.name),
          el('span', { class: 'count' }, item.articles.toLocaleString('en')),
        ),
      ),
    );
  }
  if (!items.length) list.append(el('li', { class: 'muted small' }, 'None named.'));
  // On a phone only the first few show, with a button for the rest.
  list.classList.remove('expanded');
  if (list.nextElementSibling?.classList.contains('more')) list.nextElementSibling.remove();
  if (items.length > FEW) {
    const more = el('button', { type: 'button', class: 'more link small', 'aria-expanded': 'false' }, `All ${items.length}`);
    more.addEventListener('click', () => {
      const open = list.classList.toggle('expanded');
      more.setAttribute('aria-expanded', String(open));
      more.textContent = open ? 'Fewer' : `All ${items.length}`;
    });
    list.after(more);
  }
}

function renderPeopleFacet(s, people) {
  facetList(
    $('#people-facet'),
    people,
    (name) => s.persons.includes(name),
    (name, on) => go(on ? withoutPerson(s, name) : withPerson(s, name)),
    (p, on) => (on ? `Remove the filter ${p.name}` : `${plural(p.articles, 'article')} name ${p.name}: show only those`),
  );
}

function renderSourceFacet(s, sources) {
  $('#sources-section').hidden = sources.length < 2 && !s.source;
  facetList(
    $('#source-facet'),
    sources,
    (name) => s.source.toLowerCase() === name.toLowerCase(),
    (name, on) => go({ ...s, source: on ? '' : name, offset: 0 }),
    (src, on) => (on ? `Remove the filter ${src.name}` : `${plural(src.articles, 'article')} from ${src.name}`),
  );
}

// Every month from `first` to `last` (YYYY-MM), in order.
function monthsBetween(first, last) {
  let [y, m] = first.split('-').map(Number);
  const [ly, lm] = last.split('-').map(Number);
  const out = [];
  while ((y < ly || (y === ly && m <= lm)) && out.length < 2400) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m += 1;
    if (m > 12) [y, m] = [y + 1, 1];
  }
  return out;
}

function renderHistogram(s, months) {
  const box = $('#histogram');
  box.replaceChildren();
  $('#peak').textContent = '';
  // Without a date among the matches there is nothing to draw, unless a date filter explains why.
  box.closest('.timeline').hidden = !months.length && !s.since && !s.until;
  if (!months.length) {
    box.append(el('p', { class: 'muted small' }, 'No matching article has a date.'));
    return;
  }
  const counts = new Map(months.map((m) => [m.month, m.articles]));
  const all = monthsBetween(months[0].month, months[months.length - 1].month);
  const max = Math.max(...months.map((m) => m.articles));
  // Drawn at the box's own width, so that labels keep their size on a phone.
  const W = Math.max(280, Math.round(box.clientWidth || 720));
  const H = 84;
  const AXIS = 18;
  const step = W / Math.max(all.length, 12);
  const gap = step > 6 ? Math.min(3, step * 0.2) : 0;
  const left = (W - step * all.length) / 2;
  $('#peak').textContent = `busiest month: ${plural(max, 'article')}`;
  const chart = svg('svg', { viewBox: `0 0 ${W} ${H + AXIS}`, class: 'histogram', role: 'group', 'aria-label': 'Matching articles per month' });
  chart.append(svg('line', { x1: 0, x2: W, y1: H + 0.5, y2: H + 0.5, class: 'axis' }));
  const inRange = (m) => (!s.since || m >= s.since.slice(0, 7)) && (!s.until || m <= s.until.slice(0, 7));
  const years = new Set(all.map((m) => m.slice(0, 4)));
  const labelEvery = Math.max(1, Math.ceil((years.size * 40) / W));
  let labelledAt = -Infinity;
  all.forEach((month, i) => {
    const n = counts.get(month) || 0;
    const x = left + i * step;
    const h = n ? Math.max(2, (H - 6) * (n / max)) : 0;
    const label = `${formatMonth(month)}: ${plural(n, 'article')}`;
    const bar = svg(
      'g',
      {
        class: 'month' + (n ? '' : ' empty') + ((s.since || s.until) && inRange(month) ? ' selected' : ''),
        'data-month': month,
        tabindex: n ? 0 : -1,
        role: 'button',
        'aria-label': label,
        onclick: (e) => pickMonth(s, month, e.shiftKey),
        onkeydown: (e) => {
          if (e.key === 'Enter' || e.key === ' ') {
            e.preventDefault();
            pickMonth(s, month, e.shiftKey);
          }
        },
      },
      svg('title', {}, label),
      svg('rect', { class: 'hitbox', x, y: 0, width: step, height: H }),
      svg('rect', { class: 'bar', x: x + gap / 2, y: H - h, width: Math.max(1, step - gap), height: h, rx: step > 8 ? 1.5 : 0 }),
    );
    chart.append(bar);
    // Years under their January (the first bar too), each label clear of the last one.
    const [y, m] = month.split('-');
    const first = i === 0 && step * (13 - Number(m)) >= 34; // room before the next January
    if ((m === '01' || first) && Number(y) % labelEvery === 0 && x - labelledAt >= 34 && x < W - 28) {
      chart.append(svg('text', { x: x + 1, y: H + 14, class: 'year' }, y));
      labelledAt = x;
    }
  });
  box.append(chart);
}

// Narrows the date range to `month`, or with `widen` stretches the current range to include it.
function pickMonth(s, month, widen) {
  let since = month;
  let until = month;
  if (widen && (s.since || s.until)) {
    const a = (s.since || month).slice(0, 7);
    const b = (s.until || month).slice(0, 7);
    since = [a, b, month].sort()[0];
    until = [a, b, month].sort()[2];
  }
  go({ ...s, since, until, offset: 0 });
}

function renderPager(s, total) {
  const nav = $('#pager');
  nav.replaceChildren();
  const reachable = Math.min(total, MAX_OFFSET + PAGE);
  const pages = Math.ceil(reachable / PAGE);
  if (pages <= 1) return;
  const current = Math.floor(s.offset / PAGE);
  const link = (page, label, attrs = {}) => {
    const target = { ...s, offset: page * PAGE };
    return el('a', { href: pageUrl(target), onclick: (e) => follow(e, target), ...attrs }, label);
  };
  const items = [];
  if (current > 0) items.push(link(current - 1, '← Previous', { rel: 'prev', class: 'step' }));
  const shown = new Set([0, pages - 1]);
  for (let p = current - 2; p <= current + 2; p++) if (p >= 0 && p < pages) shown.add(p);
  let last = -1;
  for (const p of [...shown].sort((a, b) => a - b)) {
    if (p > last + 1) items.push(el('span', { class: 'gap', 'aria-hidden': 'true' }, '…'));
    items.push(p === current ? el('span', { class: 'current', 'aria-current': 'page' }, String(p + 1)) : link(p, String(p + 1), { 'aria-label': `Page ${p + 1}` }));
    last = p;
  }
  if (current < pages - 1) items.push(link(current + 1, 'Next →', { rel: 'next', class: 'step' }));
  nav.append(...items);
}

// ---- the article view -------------------------------------------------------------------------

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();

// `text` cut into pieces at the byte ranges of `marks` ({start, end, person}): [{text, person?}].
// Ranges that overlap an earlier one or fall outside the text are left out.
function pieces(text, marks) {
  const bytes = utf8.encode(text);
  const out = [];
  let at = 0;
  for (const m of [...marks].sort((a, b) => a.start - b.start || b.end - a.end)) {
    if (m.start < at || m.end > bytes.length || m.start >= m.end) continue;
    if (m.start > at) out.push({ text: fromUtf8.decode(bytes.subarray(at, m.start)) });
    out.push({ text: fromUtf8.decode(bytes.subarray(m.start, m.end)), person: m.person });
    at = m.end;
  }
  if (at < bytes.length) out.push({ text: fromUtf8.decode(bytes.subarray(at)) });
  return out;
}

function mark(piece, colour, onPick) {
  return el(
    'mark',
    { class: `mention p${colour.get(piece.person)}`, 'data-person': piece.person, title: piece.person, onclick: () => onPick(piece.person) },
    piece.text,
  );
}

// The body as paragraphs (split at line breaks), people's mentions marked.
function bodyNodes(list, colour, onPick) {
  const paragraphs = [];
  let p = el('p', {});
  for (const piece of list) {
    if (piece.person) {
      p.append(mark(piece, colour, onPick));
      continue;
    }
    const lines = piece.text.split(/\n\s*/);
    lines.forEach((line, i) => {
      if (i > 0) {
        if (p.childNodes.length) paragraphs.push(p);
        p = el('p', {});
      }
      if (line) p.append(line);
    });
  }
  if (p.childNodes.length) paragraphs.push(p);
  return paragraphs;
}

// Only http(s) addresses become links; anything else (javascript:, data:) is shown as text.
function safeUrl(url) {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

async function showArticle(s) {
  const mine = ++ticket;
  const view = $('#article-view');
  $('#results-view').hidden = true;
  view.hidden = false;
  view.setAttribute('aria-busy', 'true');
  const back = el('button', { type: 'button', class: 'back', onclick: () => backToResults(s) }, '← Back to results');
  let a;
  try {
    a = await getJSON('/api/articles/' + encodeURIComponent(s.article));
  } catch (e) {
    if (mine !== ticket) return;
    view.removeAttribute('aria-busy');
    view.replaceChildren(back, el('p', { class: 'error', role: 'alert' }, e.status === 404 ? 'This article is no longer in the index.' : e.message));
    return;
  }
  if (mine !== ticket) return;
  view.removeAttribute('aria-busy');
  document.title = `${a.title || 'Article'} · newsdex`;

  const people = [...a.people].sort((x, y) => y.mentions.length - x.mentions.length || x.name.localeCompare(y.name));
  const colour = new Map(people.map((p, i) => [p.name, i % PALETTE]));
  const marks = (inHeadline) =>
    people.flatMap((p) => p.mentions.filter((m) => !!m.in_headline === inHeadline).map((m) => ({ start: m.start, end: m.end, person: p.name })));

  const cards = new Map();
  const body = el('div', { class: 'body' });
  const pick = (name) => {
    body.dataset.focus = name;
    for (const m of view.querySelectorAll('mark.mention')) m.classList.toggle('focus', m.dataset.person === name);
    const card = cards.get(name);
    if (card) {
      card.open = true;
      card.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    }
  };
  const title = el('h1', { tabindex: -1 }, pieces(a.title || 'Untitled', marks(true)).map((p) => (p.person ? mark(p, colour, pick) : p.text)));
  body.append(...bodyNodes(pieces(a.body, marks(false)), colour, pick));

  const meta = [];
  if (a.date) meta.push(el('time', { datetime: a.date }, formatDate(a.date)));
  if (a.source) meta.push(el('span', { class: 'source' }, a.source));
  if (a.authors.length) meta.push(el('span', {}, 'By ' + a.authors.join(', ')));
  if (a.copies.length) meta.push(el('span', {}, plural(a.copies.length, 'copy', 'copies') + ' in the archive'));
  const href = a.url && safeUrl(a.url);
  const origin = a.url
    ? href
      ? el('a', { href, rel: 'noopener noreferrer', target: '_blank', class: 'origin' }, 'Original article ↗')
      : el('span', { class: 'origin muted' }, a.url)
    : el('span', { class: 'origin muted' }, 'File: ', a.path);

  const side = el('aside', { class: 'article-people', 'aria-label': 'People in this article' }, el('h2', {}, people.length ? `People named (${people.length})` : 'No people named'));
  const first = s.persons.find((n) => colour.has(n)) || people[0]?.name;
  for (const p of people) {
    const card = personCard(s, p, colour.get(p.name), p.name === first, pick);
    cards.set(p.name, card);
    side.append(card);
  }

  view.replaceChildren(
    back,
    el('div', { class: 'article-layout' }, el('article', { class: 'story' }, title, meta.length ? el('div', { class: 'meta' }, separated(meta)) : null, origin, body), side),
  );
  if (first) pick(first);
  window.scrollTo(0, 0);
  title.focus({ preventScroll: true });
}

// A person's card in the article view: mentions, other forms, and (loaded when opened) who else
// appears in the same articles.
function personCard(s, p, colourIndex, open, pick) {
  const others = el('ol', { class: 'cooccur' }, el('li', { class: 'muted small' }, 'Loading…'));
  let loaded = false;
  const card = el(
    'details',
    { class: 'person-card', 'data-person': p.name, open },
    el(
      'summary',
      {},
      el('span', { class: `swatch p${colourIndex}`, 'aria-hidden': 'true' }),
      el('span', { class: 'name' }, p.name),
      el('span', { class: 'count' }, plural(p.mentions.length, 'mention')),
    ),
    p.aliases.length ? el('p', { class: 'aliases small' }, 'Also: ', p.aliases.join(', ')) : null,
    el('div', { class: 'card-actions' },
      el('button', { type: 'button', class: 'link', onclick: () => pick(p.name) }, 'Mark in text'),
      el('a', { href: pageUrl({ ...readState(''), persons: [p.name] }), onclick: (e) => follow(e, { ...readState(''), persons: [p.name] }) }, 'All articles naming them'),
    ),
    el('h3', {}, 'Appears most with'),
    others,
  );
  const load = async () => {
    if (loaded || !card.open) return;
    loaded = true;
    try {
      const data = await getJSON('/api/people?' + new URLSearchParams({ with: p.name, limit: '8' }));
      others.replaceChildren();
      if (!data.people.length) others.append(el('li', { class: 'muted small' }, 'Nobody else in the archive.'));
      for (const o of data.people) {
        const target = { ...readState(''), persons: [p.name, o.name] };
        others.append(
          el(
            'li',
            {},
            el('a', { href: pageUrl(target), title: `Articles naming both ${p.name} and ${o.name}`, onclick: (e) => follow(e, target) }, o.name),
            el('span', { class: 'count' }, plural(o.articles, 'article')),
          ),
        );
      }
    } catch (e) {
      loaded = false;
      others.replaceChildren(el('li', { class: 'error small' }, e.message));
    }
  };
  card.addEventListener('toggle', load);
  if (open) load();
  return card;
}

function backToResults(s) {
  if (history.state?.fromResults) history.back();
  else go({ ...s, article: '' });
}

// ---- start ------------------------------------------------------------------------------------

function isTyping(target) {
  return target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target?.isContentEditable;
}

function start() {
  history.scrollRestoration = 'manual';
  $('#search-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const s = readState();
    $('#q').blur();
    go({ ...s, q: $('#q').value.trim(), offset: 0, article: '' });
  });
  $('#home').addEventListener('click', (e) => follow(e, readState('')));
  for (const b of document.querySelectorAll('.sort button')) {
    b.addEventListener('click', () => go({ ...readState(), sort: b.dataset.sort, offset: 0, article: '' }));
  }
  document.addEventListener('keydown', (e) => {
    if (e.key === '/' && !isTyping(e.target) && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      $('#q').focus();
      $('#q').select();
    } else if (e.key === 'Escape') {
      if (e.target === $('#q')) $('#q').blur();
      else if (readState().article) backToResults(readState());
    }
  });
  window.addEventListener('popstate', render);
  render();
}

start();
