// The composer around a Markdown textarea. Everything here is an addition: without JavaScript the form posts as before.
// - live preview (data-preview): rendered by the server's pipeline (POST /preview), never by a second engine here;
// - drafts (data-draft): saved to the server a moment after typing stops (PUT /drafts/{key}), so they follow the
//   person to another device; the page puts a draft back, sending the form discards it;
// - images: the "Add image" button, drag-and-drop and paste upload to POST /uploads and insert ![](url);
// - @mentions and tags: suggestions in a listbox, chosen with arrow keys and Enter/Tab (or a click), Escape closes;
// - quote: the "Quote" button of a post puts the selected text (or the whole post) into the answer, linked back.
(() => {
  const tokenOf = form => form?.querySelector('input[name="__RequestVerificationToken"]')?.value;
  const call = (url, method, token, body, json = true) => fetch(url, {
    method,
    headers: json ? { 'Content-Type': 'application/json', 'X-CSRF-TOKEN': token } : { 'X-CSRF-TOKEN': token },
    body: json && body !== undefined ? JSON.stringify(body) : body,
  });
  const firstError = async res => {
    try {
      const p = await res.json();
      if (p.errors) return Object.values(p.errors).flat()[0];
      return p.detail || p.title;
    } catch { return null; }
  };
  const insertAt = (area, text) => {
    const start = area.selectionStart ?? area.value.length;
    const end = area.selectionEnd ?? start;
    area.setRangeText(text, start, end, 'end');
    area.dispatchEvent(new Event('input', { bubbles: true }));
    area.focus();
  };

  // Preview
  for (const area of document.querySelectorAll('textarea[data-preview]')) {
    const section = document.getElementById(area.dataset.preview);
    const target = section.querySelector('.post-body');
    const token = tokenOf(area.form);
    if (!token) continue;
    let timer;
    let last = null;
    const render = async () => {
      const body = area.value;
      if (body === last) return;
      last = body;
      if (body.trim() === '') { section.hidden = true; return; }
      try {
        const res = await call('/preview', 'POST', token, { body });
        if (!res.ok) return;
        // Sanitized by the server (the stored-post pipeline); the CSP blocks inline script in any case.
        target.innerHTML = (await res.json()).html;
        section.hidden = false;
      } catch { /* offline: keep the last preview */ }
    };
    area.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(render, 400); });
    if (area.value.trim() !== '') render();
  }

  // Drafts
  for (const area of document.querySelectorAll('textarea[data-draft]')) {
    const form = area.form;
    const token = tokenOf(form);
    if (!token) continue;
    const key = area.dataset.draft;
    const status = form.querySelector('.upload-status');
    const tools = form.querySelector('.composer-tools');
    const field = name => form.querySelector(`[name="${name}"]`)?.value ?? null;
    let timer;
    let pending = null;
    let submitting = false;
    let saved = JSON.stringify([field('Title'), area.value, field('Tags')]);
    const save = async () => {
      const now = JSON.stringify([field('Title'), area.value, field('Tags')]);
      if (now === saved || submitting) return;
      pending = new AbortController();
      try {
        const res = await fetch('/drafts/' + encodeURIComponent(key), {
          method: 'PUT', signal: pending.signal,
          headers: { 'Content-Type': 'application/json', 'X-CSRF-TOKEN': token },
          body: JSON.stringify({ title: field('Title'), body: area.value, tags: field('Tags') }),
        });
        if (res.ok) { saved = now; if (status && tools) status.textContent = tools.dataset.draftSaved; }
      } catch { /* offline or cancelled: the next change tries again */ }
      pending = null;
    };
    form.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(save, 1500); });
    // Sending the form discards the draft on the server: nothing may be saved after it, not even a save under way.
    form.addEventListener('submit', () => { submitting = true; clearTimeout(timer); pending?.abort(); });
    const discard = form.querySelector('.discard-draft');
    if (discard) {
      discard.hidden = false;
      discard.addEventListener('click', async () => {
        clearTimeout(timer);
        await call('/drafts/' + encodeURIComponent(key), 'DELETE', token);
        area.value = '';
        for (const name of ['Title', 'Tags']) { const f = form.querySelector(`[name="${name}"]`); if (f) f.value = ''; }
        saved = JSON.stringify([field('Title'), '', field('Tags')]);
        discard.closest('.draft-note').remove();
        area.dispatchEvent(new Event('input', { bubbles: true }));
        area.focus();
      });
    }
  }

  // Images
  for (const tools of document.querySelectorAll('.composer-tools')) {
    const area = document.getElementById(tools.dataset.for);
    const token = tokenOf(area?.form);
    if (!area || !token) continue;
    tools.hidden = false;
    const input = tools.querySelector('.upload-input');
    const status = tools.querySelector('.upload-status');
    const upload = async file => {
      status.textContent = tools.dataset.uploading;
      const data = new FormData();
      data.append('file', file);
      try {
        const res = await call('/uploads', 'POST', token, data, false);
        if (!res.ok) { status.textContent = (await firstError(res)) || tools.dataset.failed; return; }
        const image = await res.json();
        const before = area.selectionStart > 0 && area.value[area.selectionStart - 1] !== '\n' ? '\n' : '';
        insertAt(area, `${before}![](${image.url})\n`);
        status.textContent = tools.dataset.uploaded;
      } catch { status.textContent = tools.dataset.failed; }
    };
    tools.querySelector('.upload-button').addEventListener('click', () => input.click());
    input.addEventListener('change', async () => { for (const f of input.files) await upload(f); input.value = ''; });
    area.addEventListener('paste', async e => {
      const files = [...(e.clipboardData?.files ?? [])].filter(f => f.type.startsWith('image/'));
      if (files.length === 0) return;
      e.preventDefault();
      for (const f of files) await upload(f);
    });
    area.addEventListener('dragover', e => { if ([...e.dataTransfer.types].includes('Files')) { e.preventDefault(); area.classList.add('dropping'); } });
    area.addEventListener('dragleave', () => area.classList.remove('dropping'));
    area.addEventListener('drop', async e => {
      area.classList.remove('dropping');
      const files = [...(e.dataTransfer?.files ?? [])];
      if (files.length === 0) return;
      e.preventDefault();
      for (const f of files) await upload(f);
    });
  }

  // Suggestions in a listbox under a field: the field keeps focus, aria-activedescendant names the highlighted option.
  const suggest = (field, list, findQuery, fetchOptions, apply) => {
    let options = [];
    let active = -1;
    let timer;
    let query = null;
    field.setAttribute('aria-autocomplete', 'list');
    field.setAttribute('aria-controls', list.id);
    const close = () => { list.hidden = true; options = []; active = -1; field.removeAttribute('aria-activedescendant'); };
    const highlight = i => {
      active = i;
      list.querySelectorAll('[role="option"]').forEach((li, n) => li.setAttribute('aria-selected', n === i ? 'true' : 'false'));
      if (i >= 0) field.setAttribute('aria-activedescendant', `${list.id}-${i}`); else field.removeAttribute('aria-activedescendant');
    };
    const choose = i => { if (query && options[i]) apply(query, options[i]); close(); field.focus(); };
    field.addEventListener('input', () => {
      clearTimeout(timer);
      query = findQuery();
      if (!query) { close(); return; }
      timer = setTimeout(async () => {
        try {
          options = await fetchOptions(query.text);
        } catch { options = []; }
        if (options.length === 0) { close(); return; }
        list.replaceChildren(...options.map((o, n) => {
          const li = document.createElement('li');
          li.id = `${list.id}-${n}`;
          li.setAttribute('role', 'option');
          li.setAttribute('aria-selected', 'false');
          if (o.avatar) { const img = document.createElement('img'); img.src = o.avatar; img.alt = ''; img.width = 20; img.height = 20; img.className = 'avatar'; li.append(img); }
          li.append(document.createTextNode(o.label));
          if (o.detail) { const s = document.createElement('span'); s.className = 'count'; s.textContent = ' ' + o.detail; li.append(s); }
          li.addEventListener('mousedown', e => { e.preventDefault(); choose(n); });
          return li;
        }));
        list.hidden = false;
        highlight(0);
      }, 200);
    });
    field.addEventListener('keydown', e => {
      if (list.hidden || options.length === 0) return;
      if (e.key === 'ArrowDown') { e.preventDefault(); highlight((active + 1) % options.length); }
      else if (e.key === 'ArrowUp') { e.preventDefault(); highlight((active - 1 + options.length) % options.length); }
      else if ((e.key === 'Enter' || e.key === 'Tab') && active >= 0) { e.preventDefault(); choose(active); }
      else if (e.key === 'Escape') { e.preventDefault(); close(); }
    });
    field.addEventListener('blur', () => setTimeout(close, 150));
  };

  // @mentions in a textarea
  for (const area of document.querySelectorAll('.composer textarea')) {
    const list = document.getElementById(area.id + '-mentions');
    if (!list) continue;
    suggest(area, list,
      () => {
        const upto = area.value.slice(0, area.selectionStart);
        const m = /(^|[\s(>])@([A-Za-z0-9._-]{1,30})$/.exec(upto);
        return m ? { text: m[2], start: area.selectionStart - m[2].length, end: area.selectionStart } : null;
      },
      async text => {
        const res = await fetch('/mentions?q=' + encodeURIComponent(text));
        return res.ok ? (await res.json()).map(p => ({ label: p.name, value: p.name, avatar: p.avatar })) : [];
      },
      (q, o) => { area.setRangeText(o.value + ' ', q.start, q.end, 'end'); area.dispatchEvent(new Event('input', { bubbles: true })); });
  }

  // Tags: the part after the last comma
  for (const input of document.querySelectorAll('input[data-suggest-tags]')) {
    const list = document.getElementById(input.dataset.suggestTags);
    suggest(input, list,
      () => {
        const cut = input.value.lastIndexOf(',') + 1;
        const text = input.value.slice(cut).trim();
        return text.length >= 1 ? { text, start: cut } : null;
      },
      async text => {
        const res = await fetch('/tag-suggestions?q=' + encodeURIComponent(text));
        return res.ok ? (await res.json()).map(t => ({ label: t.tag, value: t.tag, detail: '× ' + t.threads })) : [];
      },
      (q, o) => { input.value = input.value.slice(0, q.start) + (q.start > 0 ? ' ' : '') + o.value + ', '; input.dispatchEvent(new Event('input', { bubbles: true })); });
  }

  // Quote a post into the answer
  const answer = document.getElementById('AnswerBody');
  if (answer) {
    const wrote = document.querySelector('.composer-tools')?.dataset.quoteWrote ?? 'wrote';
    for (const button of document.querySelectorAll('button.quote')) {
      button.hidden = false;
      button.addEventListener('click', () => {
        const post = button.closest('.post');
        const body = post.querySelector('.post-body');
        const selection = window.getSelection();
        const picked = selection && !selection.isCollapsed && body.contains(selection.anchorNode) ? selection.toString() : body.innerText;
        const quoted = picked.trim().split('\n').map(line => '> ' + line).join('\n');
        const link = post.querySelector('.permalink')?.getAttribute('href') ?? '';
        const before = answer.value && !answer.value.endsWith('\n\n') ? (answer.value.endsWith('\n') ? '\n' : '\n\n') : '';
        answer.selectionStart = answer.selectionEnd = answer.value.length;
        insertAt(answer, `${before}@${button.dataset.author} [${wrote}](${link}):\n${quoted}\n\n`);
      });
    }
  }
})();
