// jQuery code reads the browser event through e.originalEvent.
// ruleid: no-unchecked-message-origin
$(window).on('message', function (e) {
  $('#cart-count').text(e.originalEvent.data.count);
});

// ok: no-unchecked-message-origin
$(window).on('message', function (e) {
  if (e.originalEvent.origin !== 'https://cart.example.com') return;
  $('#cart-count').text(e.originalEvent.data.count);
});

jQuery(window).on('message', function (e) {
  // ruleid: no-unchecked-message-origin
  if (e.originalEvent.origin.endsWith('example.com')) {
    $('#banner').text(e.originalEvent.data.text);
  }
});
