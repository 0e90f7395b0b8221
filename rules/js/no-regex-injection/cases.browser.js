// Client-side filtering driven by the page URL.
const params = new URLSearchParams(window.location.search);

function filterRows(rows) {
  const query = params.get('q');
  // ruleid: no-regex-injection
  const re = new RegExp(query, 'i');
  return rows.filter((row) => re.test(row.textContent));
}

function highlight(rows) {
  const raw = location.hash.slice(1);
  const safe = raw.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // ok: no-regex-injection
  const re = new RegExp(safe, 'gi');
  return rows.map((row) => row.replace(re, (m) => `<b>${m}</b>`));
}

window.addEventListener('message', (event) => {
  // Any page that can hold a reference to this window can send this message.
  // ruleid: no-regex-injection
  const re = new RegExp(event.data.filter);
  document.querySelectorAll('li').forEach((li) => {
    li.hidden = !re.test(li.textContent);
  });
});

window.addEventListener('message', (event) => {
  if (event.origin !== 'https://app.example.com') return;
  // Only our own application can send this one: its filters are trusted patterns.
  // ok: no-regex-injection
  const re = new RegExp(event.data.filter);
  document.querySelectorAll('tr').forEach((tr) => {
    tr.hidden = !re.test(tr.textContent);
  });
});
