// Clippings' site script: small enhancements over pages that work without it. "/" focuses the search box,
// copy-link buttons copy a passage's link, on narrow screens the filters start folded away, a facet, sort or
// chip click leaves the page where it was, and after paging the focus moves to the results heading.
;(function () {
  'use strict'

  var NARROW = window.matchMedia('(max-width: 52rem)')
  var filtersOpenOnNarrow = false

  function isTyping(target) {
    if (!target || !target.tagName) return false
    var tag = target.tagName.toLowerCase()
    return tag === 'input' || tag === 'textarea' || tag === 'select' || target.isContentEditable
  }

  document.addEventListener('keydown', function (event) {
    if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return
    var box = document.getElementById('q')
    if (!box) return
    event.preventDefault()
    box.focus()
    box.select()
  })

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text)
    return new Promise(function (resolve, reject) {
      var field = document.createElement('textarea')
      field.value = text
      field.setAttribute('readonly', '')
      field.className = 'offscreen'
      document.body.appendChild(field)
      field.select()
      var ok = document.execCommand('copy')
      document.body.removeChild(field)
      if (ok) resolve()
      else reject(new Error('copy failed'))
    })
  }

  document.addEventListener('click', function (event) {
    var button = event.target.closest && event.target.closest('button.copy-link')
    if (!button) return
    var url = new URL(button.getAttribute('data-copy-path'), window.location.href).href
    var label = button.textContent
    copyText(url).then(
      function () {
        button.textContent = 'Link copied'
        button.classList.add('is-done')
      },
      function () {
        button.textContent = 'Copy failed'
      },
    )
    setTimeout(function () {
      button.textContent = label
      button.classList.remove('is-done')
    }, 2000)
  })

  // The filters fold away on narrow screens; the reader's choice survives the swaps htmx makes.
  function applyFilterFolding(root) {
    var details = (root || document).querySelector('details.filters')
    if (!details) return
    if (NARROW.matches) details.open = filtersOpenOnNarrow
    else details.open = true
  }

  document.addEventListener(
    'toggle',
    function (event) {
      if (event.target.matches && event.target.matches('details.filters') && NARROW.matches) {
        filtersOpenOnNarrow = event.target.open
      }
    },
    true,
  )

  // Which element started the request being swapped in, where the window was then, and where the control
  // clicked sat in it (found again after the swap by the id it keeps).
  var trigger = null
  var scrollBefore = 0
  var anchorId = null
  var anchorTop = 0

  /** The control that stays put: the clicked element if it has an id, else its facet value's link. */
  function anchorFor(element) {
    if (!element || !element.closest) return null
    if (element.id) return element
    var row = element.closest('.facet-row')
    return row ? row.querySelector('.facet-link[id]') : null
  }

  document.addEventListener('htmx:beforeRequest', function (event) {
    trigger = event.detail && event.detail.elt
    scrollBefore = window.scrollY
    var anchor = anchorFor(trigger)
    anchorId = anchor ? anchor.id : null
    anchorTop = anchor ? anchor.getBoundingClientRect().top : 0
  })

  // Links that ask for `show:none` leave the page where it was: the value clicked stays where it sat in the
  // window even when the facets above it grow or shrink; without it (a chip that went away) the scroll
  // position stays. Otherwise the confirming chip or the value itself would jump out of view.
  document.addEventListener('htmx:afterSwap', function () {
    if (!trigger || !trigger.closest) return
    var swap = trigger.closest('[hx-swap]')
    if (!swap || !/show:none/.test(swap.getAttribute('hx-swap'))) return
    var anchor = anchorId ? document.getElementById(anchorId) : null
    if (anchor) window.scrollBy(0, anchor.getBoundingClientRect().top - anchorTop)
    else if (window.scrollY !== scrollBefore) window.scrollTo(window.scrollX, scrollBefore)
  })

  // After paging, the focus goes to the results heading, not back to the top of the document.
  document.addEventListener('htmx:afterSettle', function () {
    if (!trigger || !trigger.closest) return
    var owner = trigger.closest('[data-focus-after]')
    trigger = null
    if (!owner) return
    var target = document.getElementById(owner.getAttribute('data-focus-after'))
    if (target) target.focus({ preventScroll: true })
  })

  function enhance(root) {
    var buttons = (root || document).querySelectorAll('button.copy-link[hidden]')
    for (var i = 0; i < buttons.length; i++) buttons[i].hidden = false
    applyFilterFolding(document)
  }

  document.addEventListener('DOMContentLoaded', function () {
    enhance(document)
  })
  document.addEventListener('htmx:afterSettle', function () {
    enhance(document)
  })
  NARROW.addEventListener('change', function () {
    applyFilterFolding(document)
  })
})()
