// Live preview under a Markdown textarea (data-preview="ID of the preview section"): the server renders it with the
// same Markdig + sanitizer pipeline as a stored post (POST /preview), so the preview is what the post will look like.
// Without JavaScript the form works as before; the preview simply does not appear.
(() => {
  for (const area of document.querySelectorAll('textarea[data-preview]')) {
    const section = document.getElementById(area.dataset.preview);
    const target = section.querySelector('.post-body');
    const token = area.form.querySelector('input[name="__RequestVerificationToken"]')?.value;
    if (!token) continue;
    let timer;
    let last = null;
    const render = async () => {
      const body = area.value;
      if (body === last) return;
      last = body;
      if (body.trim() === '') { section.hidden = true; return; }
      try {
        const res = await fetch('/preview', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-CSRF-TOKEN': token },
          body: JSON.stringify({ body }),
        });
        if (!res.ok) return;
        // Sanitized by the server (the stored-post pipeline); the CSP blocks inline script in any case.
        target.innerHTML = (await res.json()).html;
        section.hidden = false;
      } catch { /* offline: keep the last preview */ }
    };
    area.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(render, 400); });
    if (area.value.trim() !== '') render();
  }
})();
