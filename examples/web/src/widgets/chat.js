// Support chat widget, embedded in an iframe from the support provider.
const frame = document.getElementById('support-chat');

window.addEventListener('message', (event) => {
  const box = document.getElementById('chat-messages');
  box.innerHTML += '<p>' + event.data.text + '</p>';
});

export function sendCart(cart) {
  frame.contentWindow.postMessage({ type: 'cart', items: cart.items, email: cart.email }, '*');
}

export function showGreeting(name) {
  // Safe: text, not markup.
  document.getElementById('greeting').textContent = 'Hello ' + name;
}
