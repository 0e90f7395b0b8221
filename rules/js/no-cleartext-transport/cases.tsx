import React, { useEffect, useState } from 'react';
import { io } from 'socket.io-client';

const API = 'http://api.acme-corp.com';

export function Orders({ userId }: { userId: string }) {
  const [orders, setOrders] = useState<unknown[]>([]);
  useEffect(() => {
    // ruleid: no-cleartext-transport
    fetch(`${API}/users/${userId}/orders`, { credentials: 'include' })
      .then((r) => r.json())
      .then(setOrders);
    // ruleid: no-cleartext-transport
    const socket = io('http://realtime.acme-corp.com');
    socket.on('order', (o: unknown) => setOrders((all) => [...all, o]));
    return () => void socket.close();
  }, [userId]);
  // ok: no-cleartext-transport
  return <a href="http://www.acme-corp.com/help">{orders.length} orders</a>;
}

export function legacyXhr(id: string): void {
  const xhr = new XMLHttpRequest();
  // ruleid: no-cleartext-transport
  xhr.open('GET', 'http://reports.acme-corp.com/report/' + id);
  xhr.send();
}

export function liveUpdates(): EventSource {
  // ok: no-cleartext-transport
  return new EventSource('https://realtime.acme-corp.com/stream');
}
