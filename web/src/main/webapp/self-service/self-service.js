// Self-service page of a health professional: login through Keycloak brokered to Pro Santé Connect,
// then the mailboxes and their IMAP/SMTP app passwords through the REST API with the bearer token.
// No framework: keycloak-js (official adapter) and the DOM. Text is inserted with textContent only.
(function () {
  'use strict';

  var keycloak;
  var $ = function (id) { return document.getElementById(id); };

  function show(id, visible) { $(id).hidden = !visible; }

  function setStatus(text) { $('status').textContent = text; }

  function showError(message) {
    $('error').textContent = message;
    show('error', !!message);
  }

  /** Calls the REST API with a fresh access token; rejects with the problem's detail on errors. */
  function api(method, path, body) {
    return keycloak.updateToken(30).then(function () {
      var headers = { 'Authorization': 'Bearer ' + keycloak.token, 'Accept': 'application/json' };
      if (body !== undefined) {
        headers['Content-Type'] = 'application/json';
      }
      return fetch(path, { method: method, headers: headers, body: body === undefined ? undefined : JSON.stringify(body) });
    }).then(function (response) {
      if (response.status === 204) {
        return null;
      }
      var type = response.headers.get('Content-Type') || '';
      var parsed = type.indexOf('json') >= 0 ? response.json() : response.text();
      return parsed.then(function (payload) {
        if (!response.ok) {
          var detail = payload && (payload.detail || payload.title);
          throw new Error(detail || ('Erreur ' + response.status + ' sur ' + path));
        }
        return payload;
      });
    });
  }

  function cell(row, text) {
    var td = document.createElement('td');
    td.textContent = text;
    row.appendChild(td);
    return td;
  }

  function formatDate(iso) {
    return iso ? new Date(iso).toLocaleString('fr-FR') : 'jamais';
  }

  function passwordsPath(address) {
    return '/api/v1/me/mailboxes/' + encodeURIComponent(address) + '/app-passwords';
  }

  function renderPasswords(box, address) {
    var body = box.querySelector('tbody');
    return api('GET', passwordsPath(address)).then(function (passwords) {
      body.textContent = '';
      box.querySelector('.no-password').hidden = passwords.length > 0;
      passwords.forEach(function (p) {
        var row = document.createElement('tr');
        row.className = 'app-password';
        row.dataset.id = p.id;
        cell(row, p.name);
        cell(row, formatDate(p.createdAt));
        cell(row, formatDate(p.lastUsedAt));
        var revoke = document.createElement('button');
        revoke.type = 'button';
        revoke.className = 'revoke secondary';
        revoke.textContent = 'Révoquer';
        revoke.addEventListener('click', function () {
          if (!window.confirm('Révoquer « ' + p.name + ' » ? Le logiciel qui l\'utilise ne pourra plus se connecter.')) {
            return;
          }
          api('DELETE', passwordsPath(address) + '/' + encodeURIComponent(p.id))
            .then(function () { return renderPasswords(box, address); })
            .catch(function (e) { showError(e.message); });
        });
        cell(row, '').appendChild(revoke);
        body.appendChild(row);
      });
    });
  }

  function renderMailbox(mailbox) {
    var box = document.createElement('section');
    box.className = 'mailbox';
    box.dataset.address = mailbox.address;

    var title = document.createElement('h3');
    title.className = 'address';
    title.textContent = mailbox.address + ' (' + mailbox.type + ', ' + mailbox.access + ')';
    box.appendChild(title);

    var table = document.createElement('table');
    var head = table.createTHead().insertRow();
    ['Mot de passe d\'application', 'Créé le', 'Dernière utilisation', ''].forEach(function (h) {
      var th = document.createElement('th');
      th.textContent = h;
      head.appendChild(th);
    });
    table.appendChild(document.createElement('tbody'));
    box.appendChild(table);

    var none = document.createElement('p');
    none.className = 'no-password';
    none.textContent = 'Aucun mot de passe d\'application.';
    box.appendChild(none);

    var form = document.createElement('form');
    form.className = 'create-password-form';
    var name = document.createElement('input');
    name.className = 'new-password-name';
    name.required = true;
    name.maxLength = 100;
    name.placeholder = 'Appareil ou logiciel, ex. Thunderbird portable';
    name.setAttribute('aria-label', 'Nom du nouveau mot de passe d\'application');
    var create = document.createElement('button');
    create.type = 'submit';
    create.className = 'create-password';
    create.textContent = 'Créer un mot de passe d\'application';
    form.appendChild(name);
    form.appendChild(create);
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      showError('');
      api('POST', passwordsPath(mailbox.address), { name: name.value.trim() }).then(function (created) {
        $('new-password-name').textContent = created.name + ' — ' + mailbox.address;
        $('new-password').textContent = created.password;
        show('new-password-panel', true);
        name.value = '';
        return renderPasswords(box, mailbox.address);
      }).catch(function (e) { showError(e.message); });
    });
    box.appendChild(form);

    $('mailboxes').appendChild(box);
    return renderPasswords(box, mailbox.address);
  }

  function showIdentityFromToken() {
    var t = keycloak.tokenParsed || {};
    $('national-id').textContent = t.rpps || t.preferred_username || '';
    $('national-id').dataset.source = 'token';
    $('display-name').textContent = [t.given_name, t.family_name].filter(Boolean).join(' ');
    $('roles').textContent = ((t.realm_access && t.realm_access.roles) || []).join(', ');
  }

  function loadMe() {
    return api('GET', '/api/v1/me').then(function (me) {
      $('national-id').textContent = me.nationalId || '';
      $('national-id').dataset.source = 'api';
      $('display-name').textContent = me.displayName || '';
      $('roles').textContent = (me.roles || []).join(', ');
      $('mailboxes').textContent = '';
      show('no-mailbox', !me.mailboxes || me.mailboxes.length === 0);
      return Promise.all((me.mailboxes || []).map(renderMailbox));
    });
  }

  function start(config) {
    keycloak = new Keycloak({ url: config.keycloakUrl, realm: config.realm, clientId: config.clientId });
    keycloak.onTokenExpired = function () { keycloak.updateToken(30).catch(function () { keycloak.login(); }); };
    return keycloak.init({
      onLoad: 'check-sso',       // an existing Keycloak session logs in without a click (redirect, prompt=none)
      checkLoginIframe: false,   // no third-party cookies needed
      pkceMethod: 'S256'
    }).then(function (authenticated) {
      setStatus(authenticated ? 'Connecté.' : 'Non connecté.');
      show('anonymous', !authenticated);
      show('authenticated', authenticated);
      if (authenticated) {
        showIdentityFromToken();
        return loadMe();
      }
    });
  }

  function pageUrl() {
    return window.location.href.split('#')[0].split('?')[0];
  }

  $('login').addEventListener('click', function () {
    keycloak.login({ idpHint: 'psc', redirectUri: pageUrl() });
  });
  $('logout').addEventListener('click', function () {
    keycloak.logout({ redirectUri: pageUrl() });
  });
  $('new-password-done').addEventListener('click', function () {
    $('new-password').textContent = '';
    show('new-password-panel', false);
  });

  // Read-only view of the session for tests and debugging (the token itself is not exposed).
  window.mssanteSelfService = { tokenParsed: function () { return keycloak ? keycloak.tokenParsed : null; } };

  fetch('/api/v1/config', { headers: { 'Accept': 'application/json' } })
    .then(function (r) {
      if (!r.ok) {
        throw new Error('configuration indisponible (' + r.status + ')');
      }
      return r.json();
    })
    .then(start)
    .catch(function (e) {
      setStatus('');
      showError(e.message || String(e));
    });
}());
