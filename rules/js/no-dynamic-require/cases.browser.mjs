// Browser and socket code: lazy-loading modules named by the URL or by a socket message.
import { Server } from 'socket.io';

const io = new Server(3001);

io.on('connection', (socket) => {
  socket.on('load-plugin', async (name) => {
    // ruleid: no-dynamic-require
    const plugin = await import(`./plugins/${name}.mjs`);
    socket.emit('plugin-loaded', plugin.meta);
  });
});

const PAGES = { home: () => import('./pages/home.mjs'), about: () => import('./pages/about.mjs') };

export async function route() {
  const page = new URLSearchParams(location.search).get('page');
  // ruleid: no-dynamic-require
  const view = await import('./pages/' + page + '.mjs');
  // ok: no-dynamic-require
  const safeView = await (PAGES[page] ?? PAGES.home)();
  // ok: no-dynamic-require
  const fallback = await import('./pages/home.mjs');
  return view ?? safeView ?? fallback;
}
