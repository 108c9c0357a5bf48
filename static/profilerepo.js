/* What every page runs, served from our own address: the Content-Security-Policy refuses
   inline scripts and event attributes, so the form behaviour deform puts inline is here. */
document.documentElement.classList.add('js');

(function () {
  'use strict';

  function sequenceLimits(sequence) {
    var limits = $(sequence).find('.deform-insert-before').last();
    function number(name, fallback) { return parseInt(limits.attr(name) || fallback, 10); }
    return [number('min_len', '0'), number('max_len', '9999'), number('now_len', '0'),
            number('orderable', '0')];
  }

  function showSequenceButtons(sequence) {
    var limits = sequenceLimits(sequence);
    deform.processSequenceButtons($(sequence), limits[0], limits[1], limits[2], limits[3]);
  }

  // Browsers without a date input get deform's date picker, as its inline script did.
  function offerDatePickers(within) {
    if (!window.Modernizr || Modernizr.inputtypes.date || !$.fn.pickadate) { return; }
    $(within).find('input[data-pickadate]').each(function () {
      $(this).pickadate(JSON.parse(this.getAttribute('data-pickadate')));
    });
  }

  document.addEventListener('click', function (event) {
    if (!window.deform) { return; }
    var add = event.target.closest('.deform-seq-add');
    var remove = event.target.closest('.deform-close-button');
    if (add) {
      event.preventDefault();
      deform.appendSequenceItem(add);
      offerDatePickers($(add).closest('.deform-seq').find('.deform-seq-item').last());
    } else if (remove) {
      event.preventDefault();
      deform.removeSequenceItem(remove);
    }
  });

  document.addEventListener('DOMContentLoaded', function () {
    if (!window.deform) { return; }
    $('.deform-seq').each(function () { showSequenceButtons(this); });
    offerDatePickers(document);
  });
}());
