// User cards: hovering or focusing a person's name shows their rank, points, solutions and strongest hubs
// (GET /u/{name}/card). The card describes the link (aria-describedby), so keyboard and screen-reader users get it
// too; Escape or leaving the name closes it. Without JavaScript the name is a plain link to the profile.
(() => {
  const cache = new Map();
  let card = null;
  let timer;
  const close = () => { clearTimeout(timer); if (card) { card.link.removeAttribute('aria-describedby'); card.el.remove(); card = null; } };
  const open = link => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const name = link.dataset.card;
      try {
        if (!cache.has(name)) {
          const res = await fetch('/u/' + name + '/card');
          if (!res.ok) return;
          cache.set(name, await res.json());
        }
      } catch { return; }
      close();
      const el = document.createElement('div');
      el.className = 'user-card';
      el.id = 'user-card';
      el.setAttribute('role', 'tooltip');
      el.innerHTML = cache.get(name).html; // built and encoded by the server
      const box = link.getBoundingClientRect();
      el.style.top = `${window.scrollY + box.bottom + 6}px`;
      el.style.left = `${Math.max(8, Math.min(window.scrollX + box.left, window.scrollX + document.documentElement.clientWidth - 280))}px`;
      document.body.append(el);
      link.setAttribute('aria-describedby', el.id);
      card = { el, link };
    }, 250);
  };
  document.addEventListener('mouseover', e => { const a = e.target.closest?.('a[data-card]'); if (a) open(a); });
  document.addEventListener('mouseout', e => { if (e.target.closest?.('a[data-card]')) close(); });
  document.addEventListener('focusin', e => { const a = e.target.closest?.('a[data-card]'); if (a) open(a); else close(); });
  document.addEventListener('keydown', e => { if (e.key === 'Escape') close(); });
})();
