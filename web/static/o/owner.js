// The venue owner's pages (场所负责人): the invitation (/o/invite/{token}:
// the phone's one-time code), then the home (/o/): hazards and deadlines,
// the fix upload (整改回执), the 复查 application, an extension request,
// documents to sign with a signature pad, the consent to electronic
// service and the monthly self-inspection. The owner API answers with the
// owner cookie (httpOnly); every unsafe request sends X-Requested-With.
// Term labels come from /api/v1/vocabulary.

const $ = (id) => document.getElementById(id);
let vocab = new Map();
let items = new Map(); // checklist code → item

function el(tag, props = {}, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else e.setAttribute(k, v);
  }
  for (const k of kids) if (k != null) e.append(k);
  return e;
}

function flash(text, err = false) {
  const f = $('flash');
  f.textContent = text;
  f.classList.toggle('err', err);
}

function label(set, value) {
  const t = vocab.get(set)?.get(value);
  return t ? t.zh : String(value ?? '');
}

async function call(method, path, body, isForm = false) {
  const headers = { 'X-Requested-With': 'fetch' };
  let payload;
  if (isForm) payload = body;
  else if (body !== undefined) { headers['Content-Type'] = 'application/json'; payload = JSON.stringify(body); }
  const res = await fetch('/api/v1' + path, { method, headers, body: payload, credentials: 'same-origin' });
  if (res.status === 204) return null;
  const data = res.headers.get('Content-Type')?.includes('json') ? await res.json() : null;
  if (!res.ok) {
    const err = new Error(data?.errors?.[0]?.message || data?.detail || data?.title || String(res.status));
    err.status = res.status;
    throw err;
  }
  return data;
}

async function loadVocab() {
  const v = await call('GET', '/vocabulary');
  vocab = new Map(v.sets.map((s) => [s.name, new Map(s.terms.map((t) => [t.value, t]))]));
}

function show(id) {
  for (const s of ['invite', 'home', 'signed-out']) $(s).hidden = s !== id;
}

// ---- the invitation -------------------------------------------------------

function invitePage(token) {
  show('invite');
  $('send-code').addEventListener('click', async () => {
    try {
      const r = await call('POST', `/public/owner-invites/${encodeURIComponent(token)}/code`);
      $('invite-text').textContent = r.venue_name;
      $('phone-hint').textContent = r.phone_hint;
      $('code-form').hidden = false;
      $('send-code').textContent = '重新发送';
      flash('验证码已发送，5分钟内有效');
      $('code').focus();
    } catch (e) {
      flash(e.status === 404 ? '邀请链接已失效，请联系派出所重新发送' : e.message, true);
    }
  });
  $('code-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try {
      await call('POST', `/public/owner-invites/${encodeURIComponent(token)}/confirm`, { code: $('code').value.trim() });
      history.replaceState(null, '', '/o/');
      await homePage();
    } catch (e) {
      flash(e.message, true);
    }
  });
}

// ---- home -----------------------------------------------------------------

async function uploadPhoto(blob, name) {
  const fd = new FormData();
  fd.append('file', blob, name);
  return call('POST', '/owner/photos', fd, true);
}

function hazardCard(h) {
  const item = items.get(h.code);
  const card = el('div', { class: 'card hazard', 'data-id': h.id },
    el('strong', { text: item ? item.label_zh : h.code }),
    el('p', { class: 'muted', text: h.description }),
    el('p', {}, el('span', { class: 'tag status', text: label('hazard_status', h.status) }), ' ',
      h.deadline ? el('span', { text: `整改期限 ${h.deadline}${h.overdue ? '（已逾期）' : ''}` }) : null));
  if (h.status === 'open') {
    const file = el('input', { type: 'file', accept: 'image/*', capture: 'environment', class: 'fix-photo', id: `fix-photo-${h.id}` });
    const text = el('textarea', { class: 'fix-text', id: `fix-text-${h.id}`, maxlength: '2000', placeholder: '整改情况说明' });
    const btn = el('button', { type: 'button', class: 'fix-submit', text: '提交整改回执' });
    btn.addEventListener('click', async () => {
      try {
        if (!file.files.length) throw new Error('请拍摄或选择整改后的照片');
        const p = await uploadPhoto(file.files[0], file.files[0].name);
        await call('POST', `/owner/hazards/${h.id}/fix`, { description: text.value.trim() || '已整改', photo_ids: [p.id] });
        flash('整改回执已提交，等待民警验收');
        await renderHazards();
      } catch (e) { flash(e.message, true); }
    });
    card.append(el('label', { for: file.id, text: '整改后的照片' }), file, el('label', { for: text.id, text: '整改说明' }), text, btn);
    if (h.fix_mode === 'deadline') {
      const date = el('input', { type: 'date', class: 'ext-date', id: `ext-date-${h.id}` });
      const reason = el('input', { class: 'ext-reason', id: `ext-reason-${h.id}`, maxlength: '2000' });
      const ask = el('button', { type: 'button', class: 'ghost ext-submit', text: '申请延期' });
      ask.addEventListener('click', async () => {
        try {
          await call('POST', `/owner/hazards/${h.id}/extensions`, { requested_deadline: date.value, reason: reason.value.trim() });
          flash('延期申请已提交');
        } catch (e) { flash(e.message, true); }
      });
      card.append(el('label', { for: date.id, text: '延期至' }), date, el('label', { for: reason.id, text: '延期理由' }), reason, ask);
    }
  }
  if (h.fix_mode === 'deadline' && h.reinspection_id && h.status !== 'verified') {
    if (h.reinspection_requested_on) {
      card.append(el('p', { class: 'applied', text: `已于 ${h.reinspection_requested_on} 申请复查，民警将在3个工作日内上门` }));
    } else {
      const apply = el('button', { type: 'button', class: 'apply-reinspection', text: '申请提前复查' });
      apply.addEventListener('click', async () => {
        try {
          await call('POST', `/owner/hazards/${h.id}/reinspection-request`);
          flash('复查申请已提交');
          await renderHazards();
        } catch (e) { flash(e.message, true); }
      });
      card.append(apply);
    }
  }
  return card;
}

async function renderHazards() {
  const list = await call('GET', '/owner/hazards');
  const box = $('hazards');
  box.replaceChildren(...list.items.map(hazardCard));
  if (!list.items.length) box.append(el('p', { class: 'muted', text: '没有待整改的隐患' }));
}

// signaturePad makes a canvas that records strokes; it answers whether
// something was drawn and the drawing as a PNG blob.
function signaturePad(canvas) {
  const ctx = canvas.getContext('2d');
  let drawing = false;
  let drawn = false;
  const fit = () => {
    canvas.width = canvas.clientWidth;
    canvas.height = canvas.clientHeight;
    ctx.lineWidth = 2.5;
    ctx.lineCap = 'round';
    ctx.strokeStyle = '#000';
  };
  fit();
  const at = (ev) => {
    const r = canvas.getBoundingClientRect();
    return [ev.clientX - r.left, ev.clientY - r.top];
  };
  canvas.addEventListener('pointerdown', (ev) => { drawing = true; ctx.beginPath(); ctx.moveTo(...at(ev)); try { canvas.setPointerCapture(ev.pointerId); } catch { /* a synthetic pointer */ } });
  canvas.addEventListener('pointermove', (ev) => { if (!drawing) return; ctx.lineTo(...at(ev)); ctx.stroke(); drawn = true; });
  canvas.addEventListener('pointerup', () => { drawing = false; });
  return {
    drawn: () => drawn,
    clear: () => { fit(); drawn = false; },
    blob: () => new Promise((resolve) => canvas.toBlob(resolve, 'image/png')),
  };
}

function documentCard(d) {
  const pdf = el('a', { href: `/api/v1/owner/documents/${d.id}/pdf`, target: '_blank', rel: 'noopener', text: '查看文书（PDF）' });
  const card = el('div', { class: 'card document', 'data-id': d.id },
    el('strong', { text: label('document_kind', d.kind) }), el('p', { class: 'muted', text: d.number || '' }), pdf,
    el('p', {}, el('span', { class: 'tag', text: label('document_status', d.status) })));
  if (d.status !== 'issued') return card;
  const canvas = el('canvas', { class: 'pad', id: `pad-${d.id}`, 'aria-label': '签名' });
  const name = el('input', { class: 'sign-name', id: `sign-name-${d.id}`, maxlength: '100' });
  const sign = el('button', { type: 'button', class: 'sign-submit', text: '签名并签收' });
  const clear = el('button', { type: 'button', class: 'ghost', text: '重写' });
  card.append(el('label', { for: name.id, text: '签收人姓名' }), name, el('label', { for: canvas.id, text: '在下方签名' }), canvas, clear, sign);
  let pad = null;
  requestAnimationFrame(() => { pad = signaturePad(canvas); });
  clear.addEventListener('click', () => pad?.clear());
  sign.addEventListener('click', async () => {
    try {
      if (!name.value.trim()) throw new Error('请填写签收人姓名');
      if (!pad?.drawn()) throw new Error('请先签名');
      const p = await uploadPhoto(await pad.blob(), 'signature.png');
      await call('POST', `/owner/documents/${d.id}/sign`, { method: 'in_person', received_by: name.value.trim(), signature_photo_id: p.id });
      flash('已签收');
      await renderDocuments();
    } catch (e) { flash(e.message, true); }
  });
  return card;
}

async function renderDocuments() {
  const list = await call('GET', '/owner/documents');
  const box = $('documents');
  box.replaceChildren(...list.items.map(documentCard));
  if (!list.items.length) box.append(el('p', { class: 'muted', text: '没有文书' }));
}

function renderSelf(home) {
  const results = [...(vocab.get('check_result')?.keys() || [])];
  $('self-state').textContent = home.self_inspected_this_month ? `${home.month} 的自查已提交` : `请完成 ${home.month} 的自查`;
  $('self-submit').hidden = home.self_inspected_this_month;
  $('self-items').replaceChildren(...[...items.values()].map((it, i) => {
    const fs = el('fieldset', {}, el('legend', { class: 'visually-hidden', text: it.label_zh }));
    for (const r of results) {
      const input = el('input', { type: 'radio', name: `self-${it.code}`, value: r, id: `self-${i}-${r}` });
      if (r === results[0]) input.checked = true;
      fs.append(el('label', { for: input.id }, input, label('check_result', r)));
    }
    return el('div', { class: 'item', 'data-code': it.code }, el('div', { text: it.label_zh }), fs);
  }));
}

async function homePage() {
  let home;
  try {
    home = await call('GET', '/owner/venue');
  } catch (e) {
    if (e.status === 401) { show('signed-out'); return; }
    throw e;
  }
  show('home');
  flash('');
  $('title').textContent = home.venue.name;
  $('venue-name').textContent = home.venue.name;
  $('venue-meta').textContent = `${label('category', home.venue.category)} · ${home.venue.address}`;
  $('consent-state').textContent = home.service_consent ? `已同意电子送达：${home.service_consent.address}` : '同意后，文书可在本页电子送达并签收。';
  const cl = await call('GET', '/owner/checklist');
  items = new Map(cl.items.map((it) => [it.code, it]));
  renderSelf(home);
  await Promise.all([renderHazards(), renderDocuments()]);
}

function wireHome() {
  $('consent-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try {
      const c = await call('POST', '/owner/service-consent', { address: $('consent-address').value.trim() });
      $('consent-state').textContent = `已同意电子送达：${c.address}`;
      flash('已记录送达地址确认书');
    } catch (e) { flash(e.message, true); }
  });
  $('self-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const checklist = [...document.querySelectorAll('#self-items .item')].map((div) => ({
      item_code: div.dataset.code,
      result: div.querySelector('input[type=radio]:checked').value,
      note: '',
    }));
    try {
      await call('POST', '/owner/self-inspections', { checklist, notes: $('self-notes').value.trim() });
      flash('自查已提交');
      await homePage();
    } catch (e) { flash(e.message, true); }
  });
  $('logout').addEventListener('click', async () => {
    try { await call('POST', '/owner/logout'); } catch { /* already ended */ }
    show('signed-out');
  });
}

async function start() {
  await loadVocab();
  wireHome();
  const m = location.pathname.match(/^\/o\/invite\/([A-Za-z0-9_-]+)$/);
  if (m) invitePage(m[1]);
  else await homePage();
}

start().catch((e) => flash(e.message, true));
