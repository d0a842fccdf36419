// Live updates (SignalR at /live): a thread page says "2 new answers – show" when someone answers, and the bell shows
// the unread count, without a reload. Without JavaScript (or with the connection down) the pages are plain pages.
(() => {
  if (!window.signalR) return;
  const thread = document.querySelector('article.thread[data-thread-id]');
  const bell = document.querySelector('a.bell');
  if (!thread && !bell) return;
  const connection = new signalR.HubConnectionBuilder().withUrl('/live').withAutomaticReconnect().build();
  let fresh = 0;
  if (thread) {
    const notice = document.querySelector('.live-notice');
    const shown = new Set([...document.querySelectorAll('.post[data-post-id]')].map(p => p.dataset.postId));
    connection.on('answers', message => {
      const added = message.postIds.filter(id => !shown.has(String(id)));
      if (added.length === 0) return;
      added.forEach(id => shown.add(String(id)));
      fresh += added.length;
      const link = document.createElement('a');
      link.href = thread.dataset.liveUrl + '#post-' + added[added.length - 1];
      link.textContent = fresh === 1 ? thread.dataset.liveOne : thread.dataset.liveMany.replace('{0}', fresh);
      notice.replaceChildren(link);
      notice.hidden = false;
    });
  }
  if (bell) {
    connection.on('unread', message => {
      let count = bell.querySelector('.unread-count');
      if (message.count === 0) { count?.remove(); return; }
      if (!count) { count = document.createElement('span'); count.className = 'unread-count'; bell.append(count); }
      count.textContent = message.count;
      const label = bell.dataset.label;
      if (label) bell.setAttribute('aria-label', label.replace('{0}', message.count));
    });
  }
  const join = () => thread ? connection.invoke('WatchThread', Number(thread.dataset.threadId)) : Promise.resolve();
  connection.onreconnected(join);
  // data-live="connected" says the page hears updates (tests wait for it instead of guessing).
  connection.start().then(join).then(() => { document.documentElement.dataset.live = 'connected'; })
    .catch(() => { /* no live updates: the page still works */ });
})();
