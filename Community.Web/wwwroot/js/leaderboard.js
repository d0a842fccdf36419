// Picking a hub opens its leaderboard for the same period; without script the form's button does the same.
(() => {
  const pick = document.getElementById('hub-pick');
  if (!pick) return;
  pick.addEventListener('change', () => {
    const period = encodeURIComponent(pick.dataset.period || '');
    location.href = (pick.value ? '/leaderboard/' + encodeURIComponent(pick.value) : '/leaderboard') + '?period=' + period;
  });
})();
