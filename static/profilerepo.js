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

  // On a narrow screen a wide table scrolls sideways in its own box, not the page; a box
  // (or chart) that does scroll takes focus, so the arrow keys scroll it, and is named.
  function boxTables() {
    document.querySelectorAll('main table').forEach(function (table) {
      if (table.parentNode.classList.contains('scroll-box')) { return; }
      var box = document.createElement('div');
      box.className = 'scroll-box';
      table.parentNode.insertBefore(box, table);
      box.appendChild(table);
    });
  }

  // Named by the table's caption, or else by the heading of the part of the page it is in.
  function nameBox(box) {
    if (box.tagName === 'FIGURE') { return; }  // (its figcaption names it)
    var part = box.closest('section, .panel');
    var name = box.querySelector('caption') || (part && part.querySelector('h2, h3, h4'));
    box.setAttribute('role', 'group');
    if (name) {
      name.id = name.id || 'scroll-box-name-' + Math.random().toString(36).slice(2);
      box.setAttribute('aria-labelledby', name.id);
    } else {
      box.setAttribute('aria-label', 'Table');
    }
  }

  function focusScrollingBoxes() {
    document.querySelectorAll('.scroll-box, figure.chart').forEach(function (box) {
      if (box.scrollWidth > box.clientWidth + 1) {
        box.setAttribute('tabindex', '0');
        nameBox(box);
      } else {
        ['tabindex', 'role', 'aria-label', 'aria-labelledby'].forEach(function (name) {
          box.removeAttribute(name);
        });
      }
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    boxTables();
    focusScrollingBoxes();
    var waiting = null;
    window.addEventListener('resize', function () {
      clearTimeout(waiting);
      waiting = setTimeout(focusScrollingBoxes, 100);
    });
  });

  document.addEventListener('DOMContentLoaded', function () {
    if (!window.deform) { return; }
    $('.deform-seq').each(function () { showSequenceButtons(this); });
    offerDatePickers(document);
  });
}());

/* Form errors (templates/form.pt): a form shown again with what to fix, or with someone
   else's newer changes, puts focus on that summary (tabindex="-1", data-focus-on-load), so
   a screen reader reads it first and Tab goes on to its links to the fields. */
(function () {
  'use strict';

  function focusSummary() {
    var summary = document.querySelector('[data-focus-on-load]');
    if (summary) { summary.focus(); }
  }

  document.addEventListener('DOMContentLoaded', focusSummary);
}());
