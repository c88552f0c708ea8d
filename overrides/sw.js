/* The Learning Lab's service worker: "Save for offline use", written for this site.
 *
 * - A reader saves a language (overrides/assets/javascripts/offline.js posts {type: "save"}):
 *   the worker reads that language's list (<lang root>/offline-precache.json, written at build
 *   time by labkb/output/precache.py: every file with a revision hash and its size) and stores
 *   each file in a cache of that version, "kb-saved-<lang>-<version>", checking each file's
 *   bytes against its revision. Progress (pages and bytes) goes to every open page.
 * - Only once every file is stored does the version become the reader's copy (the state in
 *   the "kb-meta" cache); then the other versions' caches and the pages kept as read are
 *   deleted. A reader never gets a page of one deploy with the search index of another.
 * - Requests: a saved file is answered from the saved copy (no network needed); anything
 *   else from the network, keeping a copy of what was read ("kb-read") for when the network
 *   is gone.
 * - Updates: on each visit with a connection (at most every ten seconds, and as soon as the
 *   browser is back online: offline.js says so), the worker reads each
 *   saved language's version (offline-version.json, a few bytes); when it changed, it reads
 *   the list again, stores the new version beside the old one and switches when complete.
 * Workbox's precaching (https://developer.chrome.com/docs/workbox/) is the model: versioned
 * caches and revision hashes. Nothing here is fetched from another host.
 */
"use strict";

var SCOPE = new URL("./", self.location.href).href;
var META = "kb-meta";
var STATE = SCOPE + "__kb-offline-state";
var READ = "kb-read";
var SAVED = "kb-saved-";
var PARALLEL = 6;
var lastCheck = 0;
var queue = Promise.resolve();

function serially(task) {
  var run = queue.then(task, task);
  queue = run.catch(function () {});
  return run;
}

self.addEventListener("install", function () { self.skipWaiting(); });
self.addEventListener("activate", function (event) { event.waitUntil(self.clients.claim()); });

var known = null;  // the state as last read or written (a worker that restarts reads it again)

function readState() {
  if (!known) {
    known = caches.open(META).then(function (cache) { return cache.match(STATE); })
      .then(function (response) { return response ? response.json() : { languages: {} }; });
    known.catch(function () { known = null; });
  }
  return known.then(function (state) { return JSON.parse(JSON.stringify(state)); });
}

function writeState(state) {
  known = Promise.resolve(JSON.parse(JSON.stringify(state)));
  return caches.open(META).then(function (cache) {
    return cache.put(STATE, new Response(JSON.stringify(state), { headers: { "Content-Type": "application/json" } }));
  });
}

function cacheName(language, version) { return SAVED + language + "-" + version; }

function tell(message) {
  return self.clients.matchAll({ includeUncontrolled: true, type: "window" }).then(function (clients) {
    clients.forEach(function (client) { client.postMessage(message); });
  });
}

function hex(buffer) {
  return Array.prototype.map.call(new Uint8Array(buffer), function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
}

function isPage(url) { return url === "" || /\/$/.test(url) || /\.html$/.test(url); }

/* Store every file of `list` into the cache of its version; resolves when all are there. */
function store(list, language, previous) {
  var name = cacheName(language, list.version);
  var files = list.files;
  var done = { pages: 0, bytes: 0 };
  var next = 0;
  var failed = false;  // after the first error, the other workers take no more files and report nothing
  return Promise.all([caches.open(name), previous ? caches.open(cacheName(language, previous)) : null])
    .then(function (opened) {
      var cache = opened[0], old = opened[1];
      function one(entry) {
        var key = new URL(entry[0], SCOPE).href, revision = entry[1];
        function count() {
          if (failed) return undefined;
          done.bytes += entry[2];
          if (isPage(entry[0])) done.pages += 1;
          return tell({ type: "kb-progress", language: language, pages: done.pages, total: list.pages,
            bytes: done.bytes, size: list.size });
        }
        function same(response) { return response && response.headers.get("X-KB-Revision") === revision; }
        return cache.match(key).then(function (have) {
          if (same(have)) return count();
          return (old ? old.match(key) : Promise.resolve(null)).then(function (kept) {
            if (same(kept)) return cache.put(key, kept).then(count);
            return fetch(key, { cache: "no-store", credentials: "same-origin" }).then(function (response) {
              if (!response.ok) throw new Error(entry[0] + ": " + response.status);
              var type = response.headers.get("Content-Type") || "";
              return response.arrayBuffer().then(function (body) {
                return crypto.subtle.digest("SHA-256", body).then(function (digest) {
                  if (hex(digest).slice(0, revision.length) !== revision) {
                    throw new Error(entry[0] + " changed while saving: a new version is being published");
                  }
                  var headers = { "Content-Type": type, "X-KB-Revision": revision };
                  return cache.put(key, new Response(body, { headers: headers })).then(count);
                });
              });
            });
          });
        });
      }
      function worker() {
        if (failed || next >= files.length) return Promise.resolve();
        var entry = files[next++];
        return one(entry).then(worker, function (error) { failed = true; throw error; });
      }
      var workers = [];
      for (var i = 0; i < PARALLEL; i++) workers.push(worker());
      return Promise.all(workers);
    })
    .then(function () { return done; });
}

/* Save (or update) a language: only a complete version replaces the reader's copy. */
function save(language, listUrl) {
  return serially(function () {
    return Promise.all([fetch(listUrl, { cache: "no-store" }), readState()]).then(function (got) {
      if (!got[0].ok) throw new Error(listUrl + ": " + got[0].status);
      var state = got[1];
      return got[0].json().then(function (list) {
        var current = state.languages[language];
        if (current && current.version === list.version) {
          return tell({ type: "kb-ready", language: language, copy: current });
        }
        return store(list, language, current && current.version).catch(function (error) {
          // Incomplete (no space left, a file that changed, no network): free what it stored.
          return caches.delete(cacheName(language, list.version)).then(function () { throw error; });
        }).then(function () {
          return readState();
        }).then(function (fresh) {
          var copy = { version: list.version, list: listUrl, saved: new Date().toISOString(),
            pages: list.pages, size: list.size };
          fresh.languages[language] = copy;
          return writeState(fresh).then(function () { return cleanUp(fresh); }).then(function () {
            return tell({ type: current ? "kb-updated" : "kb-ready", language: language, copy: copy });
          });
        });
      });
    });
  });
}

/* Delete the caches of versions no saved language uses, and the pages kept as read. */
function cleanUp(state) {
  var keep = Object.keys(state.languages).map(function (language) {
    return cacheName(language, state.languages[language].version);
  });
  return caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) {
      return (name.indexOf(SAVED) === 0 && keep.indexOf(name) < 0) || name === READ;
    }).map(function (name) { return caches.delete(name); }));
  });
}

/* With a connection: take a new version of each saved language, if there is one. */
function checkForUpdates() {
  if (Date.now() - lastCheck < 10000) return Promise.resolve();
  return readState().then(function (state) {
    var languages = Object.keys(state.languages);
    return languages.reduce(function (chain, language) {
      var copy = state.languages[language];
      // The version alone (a few bytes), then the whole list only when it changed.
      var versionUrl = copy.list.replace(/offline-precache\.json$/, "offline-version.json");
      return chain.then(function () { return fetch(versionUrl, { cache: "no-store" }); })
        .then(function (response) {
          if (!response.ok) throw new Error(versionUrl + ": " + response.status);
          return response.json();
        })
        .then(function (latest) { return latest.version === copy.version ? null : save(language, copy.list); });
    }, Promise.resolve()).then(function () {
      // Checked (nothing saved yet does not count): the next check waits ten seconds.
      if (languages.length) lastCheck = Date.now();
    });
  }).catch(function () { /* offline, or the list moved: the saved copy stays as it is; try again next visit */ });
}

self.addEventListener("message", function (event) {
  var data = event.data || {};
  if (data.type === "kb-save" && typeof data.language === "string" && typeof data.list === "string") {
    var list = new URL(data.list, SCOPE).href;
    if (list.indexOf(SCOPE) !== 0) return;
    event.waitUntil(save(data.language, list).catch(function (error) {
      return tell({ type: "kb-failed", language: data.language, error: String(error && error.message) });
    }));
  } else if (data.type === "kb-check") {
    lastCheck = 0;
    event.waitUntil(checkForUpdates());
  }
});

function keyOf(url) {
  var key = new URL(url);
  key.search = "";
  key.hash = "";
  if (/\/index\.html$/.test(key.pathname)) key.pathname = key.pathname.slice(0, -"index.html".length);
  return key.href;
}

function fromSaved(key) {
  return readState().then(function (state) {
    var names = Object.keys(state.languages).map(function (language) {
      return cacheName(language, state.languages[language].version);
    });
    return names.reduce(function (found, name) {
      return found.then(function (hit) {
        return hit || caches.open(name).then(function (cache) { return cache.match(key); });
      });
    }, Promise.resolve(undefined));
  });
}

function respond(event) {
  var request = event.request;
  var key = keyOf(request.url);
  if (request.mode === "navigate") event.waitUntil(checkForUpdates());
  return fromSaved(key).then(function (saved) {
    if (saved) return saved;
    return fetch(request).then(function (response) {
      if (response.ok && response.type === "basic" && !request.headers.has("range")) {
        var copy = response.clone();
        event.waitUntil(caches.open(READ).then(function (cache) { return cache.put(key, copy); }));
      }
      return response;
    }, function (error) {
      lastCheck = 0;  // no network: check for a new version as soon as it is back
      return caches.open(READ).then(function (cache) { return cache.match(key); }).then(function (kept) {
        if (kept) return kept;
        throw error;
      });
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET" || request.url.indexOf(SCOPE) !== 0) return;
  var path = new URL(request.url).pathname;
  if (/\/(sw\.js|offline-precache\.json|offline-version\.json)$/.test(path)) return;  // always from the network
  event.respondWith(respond(event));
});
