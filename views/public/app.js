// Clippings' site script: small enhancements over pages that work without it. "/" focuses the search box,
// copy-link buttons copy a passage's link, and on narrow screens the filters start folded away.
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
