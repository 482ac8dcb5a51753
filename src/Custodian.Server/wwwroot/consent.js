/* Custodian cookie consent: our own code, no libraries. Embed with
   <script src="https://CUSTODIAN/consent.js" data-policy="ID" data-cookies="statistics:_ga _gid;advertising:cto_bundle" defer></script>
   Elements marked type="text/plain" data-category="..." (scripts) or data-category + data-src (pixels,
   frames) run only once their category is consented. Sets no inline script or style: works under a strict CSP. */
(function () {
  'use strict';
  var me = document.currentScript;
  if (!me) return;
  var base = new URL(me.src).origin;
  var COOKIE = 'custodian_consent';
  var policyId = me.getAttribute('data-policy');
  var lang = (me.getAttribute('data-lang') || document.documentElement.lang || 'ja').slice(0, 2).toLowerCase();
  var gpc = navigator.globalPrivacyControl === true;
  var settings, banner, dialog, live, stored = read();

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (text) e.textContent = text;
    return e;
  }

  function read() {
    var m = document.cookie.match(/(?:^|; )custodian_consent=([^;]*)/);
    if (!m) return null;
    var p = new URLSearchParams(decodeURIComponent(m[1]));
    return { version: p.get('v'), receipt: p.get('r'), categories: (p.get('c') || '').split('.').filter(Boolean) };
  }

  function write(choice) {
    var v = new URLSearchParams({ v: choice.policyVersion, r: choice.receipt, c: choice.categories.join('.') }).toString();
    document.cookie = COOKIE + '=' + encodeURIComponent(v) + '; path=/; max-age=15552000; samesite=lax' + (location.protocol === 'https:' ? '; secure' : '');
  }

  // Cookies of each category, declared by the site: "statistics:_ga _gid;advertising:cto_bundle" (a trailing * is a prefix).
  function declared(category) {
    var out = [];
    (me.getAttribute('data-cookies') || '').split(';').forEach(function (part) {
      var kv = part.split(':');
      if (kv[0].trim() === category && kv[1]) out = out.concat(kv[1].trim().split(/\s+/));
    });
    return out;
  }

  function erase(category) {
    var names = declared(category);
    if (!names.length) return;
    var parts = location.hostname.split('.');
    document.cookie.split('; ').forEach(function (c) {
      var name = c.split('=')[0];
      var match = names.some(function (n) { return n.slice(-1) === '*' ? name.indexOf(n.slice(0, -1)) === 0 : n === name; });
      if (!match) return;
      for (var i = 0; i < parts.length; i++) {
        var domain = parts.slice(i).join('.');
        document.cookie = name + '=; path=/; max-age=0; domain=' + domain;
      }
      document.cookie = name + '=; path=/; max-age=0';
    });
  }

  // A marked element is replaced by a live copy, so the browser loads it; the same element is never run twice.
  function activate(categories) {
    document.querySelectorAll('[data-category]').forEach(function (node) {
      if (categories.indexOf(node.getAttribute('data-category')) < 0 || node.hasAttribute('data-consented')) return;
      node.setAttribute('data-consented', '');
      if (node.tagName === 'SCRIPT') {
        var s = document.createElement('script');
        for (var i = 0; i < node.attributes.length; i++) {
          var a = node.attributes[i];
          if (a.name !== 'type' && a.name !== 'data-category') s.setAttribute(a.name, a.value);
        }
        if (!node.src) s.textContent = node.textContent;
        node.parentNode.replaceChild(s, node);
      } else if (node.hasAttribute('data-src')) {
        node.setAttribute('src', node.getAttribute('data-src'));
      }
    });
  }

  function chosen() { return stored ? stored.categories : []; }

  function record(categories) {
    var previous = chosen();
    var body = { policyId: settings.policyId, policyVersion: settings.policyVersion, categories: categories, globalPrivacyControl: gpc, replaces: stored ? stored.receipt : null, language: settings.language };
    return fetch(base + '/api/v1/cookie-consent/choices', {
      method: 'POST', mode: 'cors', credentials: 'omit', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body)
    }).then(function (r) {
      if (!r.ok) throw new Error(String(r.status));
      return r.json();
    }).then(function (choice) {
      stored = { version: choice.policyVersion, receipt: choice.receipt, categories: choice.categories };
      write(choice);
      previous.forEach(function (c) { if (choice.categories.indexOf(c) < 0) erase(c); });
      activate(choice.categories);
      closeAll();
      announce(settings.labels.receipt + ': ' + choice.receipt);
      document.dispatchEvent(new CustomEvent('custodian:consent', { detail: choice }));
    }).catch(function () { announce(settings.labels.failed); });
  }

  function optional() {
    return settings.categories.filter(function (c) { return !c.required && !(gpc && c.advertising); }).map(function (c) { return c.id; });
  }

  function button(text, name, onClick) {
    var b = el('button', { type: 'button', 'class': 'custodian-consent-' + name }, text);
    b.addEventListener('click', onClick);
    return b;
  }

  function buttons(extra) {
    var row = el('div', { 'class': 'custodian-consent-buttons' });
    var L = settings.labels;
    // Accept and reject sit side by side, the same size: refusing is as easy as agreeing.
    row.appendChild(button(L.rejectAll, 'reject', function () { record([]); }));
    row.appendChild(button(L.acceptAll, 'accept', function () { record(optional()); }));
    if (extra) row.appendChild(extra);
    return row;
  }

  function showBanner() {
    var L = settings.labels;
    banner = el('section', { 'class': 'custodian-consent-banner', role: 'region', 'aria-labelledby': 'custodian-consent-title', lang: settings.language });
    banner.appendChild(el('h2', { id: 'custodian-consent-title' }, L.title));
    banner.appendChild(el('p', {}, L.intro));
    if (gpc) banner.appendChild(el('p', { 'class': 'custodian-consent-gpc' }, L.gpc));
    var notice = el('a', { href: base + settings.noticeUrl, target: '_blank', rel: 'noopener' }, L.notice);
    banner.appendChild(el('p')).appendChild(notice);
    banner.appendChild(buttons(button(L.settings, 'settings', openSettings)));
    document.body.appendChild(banner);
    banner.querySelector('button').focus();
  }

  function openSettings() {
    var L = settings.labels;
    if (dialog) dialog.remove();
    dialog = el('dialog', { 'class': 'custodian-consent-dialog', 'aria-labelledby': 'custodian-consent-dialog-title', lang: settings.language });
    var form = el('form', { method: 'dialog' });
    form.appendChild(el('h2', { id: 'custodian-consent-dialog-title' }, L.title));
    settings.categories.forEach(function (c) {
      var box = el('fieldset', { 'class': 'custodian-consent-category' });
      var id = 'custodian-consent-' + c.id;
      var input = el('input', { type: 'checkbox', id: id, name: 'category', value: c.id });
      input.checked = c.required || chosen().indexOf(c.id) >= 0;
      input.disabled = c.required || (gpc && c.advertising);
      if (input.disabled && !c.required) input.checked = false;
      var label = el('label', { 'for': id }, c.name + (c.required ? ' (' + L.always + ')' : ''));
      var legend = el('legend');
      legend.appendChild(input);
      legend.appendChild(label);
      box.appendChild(legend);
      box.appendChild(el('p', {}, c.description));
      if (gpc && c.advertising) box.appendChild(el('p', { 'class': 'custodian-consent-gpc' }, L.gpc));
      if (c.partners.length) {
        var list = el('ul', { 'aria-label': L.partners });
        c.partners.forEach(function (p) {
          var li = el('li', {}, p.name + ' ');
          if (p.optOutUrl) li.appendChild(el('a', { href: p.optOutUrl, target: '_blank', rel: 'noopener' }, L.optOut));
          list.appendChild(li);
        });
        box.appendChild(list);
      }
      form.appendChild(box);
    });
    var save = button(L.save, 'save', function () {
      var picked = [];
      form.querySelectorAll('input[name=category]:checked:not(:disabled)').forEach(function (i) { picked.push(i.value); });
      record(picked);
    });
    form.appendChild(buttons(save));
    form.appendChild(button(L.close, 'close', function () { dialog.close(); }));
    dialog.appendChild(form);
    document.body.appendChild(dialog);
    dialog.showModal();
  }

  function closeAll() {
    if (banner) { banner.remove(); banner = null; }
    if (dialog) { dialog.close(); dialog.remove(); dialog = null; }
  }

  function announce(text) {
    if (!live) {
      live = el('p', { 'class': 'custodian-consent-status', role: 'status', 'aria-live': 'polite' });
      document.body.appendChild(live);
    }
    live.textContent = text;
  }

  function start() {
    document.head.appendChild(el('link', { rel: 'stylesheet', href: base + '/consent.css' }));
    document.addEventListener('click', function (e) {
      if (e.target.closest && e.target.closest('[data-custodian-consent-open]')) { e.preventDefault(); if (settings) openSettings(); }
    });
    var q = new URLSearchParams({ lang: lang });
    if (policyId) q.set('policy', policyId);
    fetch(base + '/api/v1/cookie-consent/settings?' + q, { mode: 'cors', credentials: 'omit' })
      .then(function (r) { return r.json(); })
      .then(function (s) {
        settings = s;
        // A choice made under another version of the policy answered other words: ask again.
        if (stored && stored.version === s.policyVersion) activate(stored.categories.filter(function (c) { return !(gpc && advertising(c)); }));
        else { stored = stored && { receipt: stored.receipt, categories: [] }; activate(requiredIds()); showBanner(); }
      });
  }

  function advertising(id) { return settings.categories.some(function (c) { return c.id === id && c.advertising; }); }
  function requiredIds() { return settings.categories.filter(function (c) { return c.required; }).map(function (c) { return c.id; }); }

  window.CustodianConsent = {
    open: function () { if (settings) openSettings(); },
    categories: function () { return chosen().slice(); },
    receipt: function () { return stored && stored.receipt; }
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start); else start();
})();
