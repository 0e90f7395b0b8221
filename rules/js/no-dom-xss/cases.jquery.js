// jQuery widgets and plugins: HTML-parsing methods fed from the URL or from plugin options.
/* global $, jQuery */

$(function () {
  const hash = window.location.hash;
  // ruleid: no-dom-xss
  $(hash).addClass('active');
  // ruleid: no-dom-xss
  $('#message').html('Hello ' + new URLSearchParams(location.search).get('name'));
  // ruleid: no-dom-xss
  $('.results').find('ul').append('<li>' + location.hash.slice(1) + '</li>');
  // ok: no-dom-xss
  $('#message').text('Hello ' + new URLSearchParams(location.search).get('name'));
  // ok: no-dom-xss
  $('#tab-' + hash.slice(1)).addClass('active');
  // ok: no-dom-xss
  $('<li class="empty">No results</li>').appendTo('.results');
  // ok: no-dom-xss
  $(document).on('click', '.close', function () { $(this).closest('.modal').hide(); });
});

function showFlash($container) {
  const message = new URLSearchParams(window.location.search).get('flash');
  // ruleid: no-dom-xss
  $container.prepend(`<div class="flash">${message}</div>`);
  const $list = $('#recent');
  // ruleid: no-dom-xss
  $list.after(message);
  // ok: no-dom-xss
  $list.after($('<p>').text(message));
}

// A jQuery plugin: its options come from whoever calls it, often from data- attributes.
$.fn.tooltip = function tooltip(options) {
  return this.each(function () {
    const tip = jQuery('<div class="tip"></div>');
    // ruleid: no-dom-xss
    tip.html(options.title);
    // ok: no-dom-xss
    tip.attr('aria-label', options.title);
    jQuery(this).after(tip);
  });
};

$.fn.alertBox = function alertBox(options) {
  const settings = $.extend({}, { closeText: 'Close', level: 'info' }, options);
  const $close = $('<button type="button" class="close"></button>');
  // ruleid: no-dom-xss
  $close.html(settings.closeText);
  // ok: no-dom-xss
  $close.text(settings.closeText);
  return this.append($close);
};

module.exports = { showFlash };

// Plain DOM methods with the same names treat strings as text.
function appendPlain(list) {
  const item = document.createElement('li');
  // ok: no-dom-xss
  item.append(location.hash.slice(1));
  // ok: no-dom-xss
  list.before(location.hash.slice(1));
  list.appendChild(item);
}

appendPlain(document.getElementById('list'));
