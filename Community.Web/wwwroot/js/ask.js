// Similar questions under the title of the ask form: a question that has an answer already is a call nobody needs to make.
(() => {
  const title = document.getElementById('Title');
  const box = document.getElementById('similar');
  const list = box.querySelector('ul');
  const solvedLabel = box.dataset.solvedLabel;
  let timer;
  title.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const q = title.value.trim();
      if (q.length < 4) { box.hidden = true; return; }
      try {
        const res = await fetch('/api/v1/search?any=true&limit=5&q=' + encodeURIComponent(q));
        if (!res.ok) { box.hidden = true; return; }
        const hits = await res.json();
        list.replaceChildren(...hits.map(h => {
          const li = document.createElement('li');
          const a = document.createElement('a');
          a.href = h.url; a.textContent = h.title; a.target = '_blank';
          li.append(a, document.createTextNode(h.status === 'Solved' ? ' ' + solvedLabel : ''));
          return li;
        }));
        box.hidden = hits.length === 0;
      } catch { box.hidden = true; }
    }, 300);
  });
})();
