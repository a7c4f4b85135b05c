// instrument.js — runs first in every page and frame the browser tests open, in every engine (as an
// init script: Playwright's and Puppeteer's own, or tag-injected by the WebKit driver's proxy).
// Plain browser JavaScript, read as text by the drivers; it must not depend on anything else.
// - Turns each CSP violation into a console error, so every test fails on one.
// - Records downloads the page starts with <a download> (name, type, the blob's text and its bytes
//   as base64), so a test can check a file's exact content in an engine whose driver cannot see
//   downloads. With window.__ccDownloadsRecordedOnly set first (the WebKit driver), the download is
//   not started.
// - With window.__ccCollect set first (the WebKit driver, whose WebDriver has no console events):
//   keeps console errors, warnings and uncaught errors for the driver to read.
(function () {
  if (window.__ccHarness) return;
  var harness = { problems: [], warnings: [], downloads: [] };
  Object.defineProperty(window, '__ccHarness', { value: harness, enumerable: false });
  var text = function (args) {
    return Array.prototype.map.call(args, function (a) {
      try { return typeof a === 'string' ? a : (a && a.message) || String(a); } catch (e) { return '?'; }
    }).join(' ');
  };
  if (window.__ccCollect) {
    var error = console.error;
    var warn = console.warn;
    console.error = function () { harness.problems.push('console error: ' + text(arguments)); return error.apply(console, arguments); };
    console.warn = function () { harness.warnings.push(text(arguments)); return warn.apply(console, arguments); };
    window.addEventListener('error', function (event) { harness.problems.push('page error: ' + event.message); });
    window.addEventListener('unhandledrejection', function (event) {
      var reason = event.reason;
      harness.problems.push('page error: ' + ((reason && reason.message) || String(reason)));
    });
  }
  document.addEventListener('securitypolicyviolation', function (event) {
    console.error('CSP violation: ' + event.violatedDirective + ' ' + event.blockedURI);
  });
  // Blobs by their object URL: read directly, since fetching a blob: URL is itself subject to the
  // page's CSP (connect-src).
  var blobs = new Map();
  var createObjectURL = URL.createObjectURL;
  URL.createObjectURL = function (object) {
    var url = createObjectURL.apply(URL, arguments);
    if (object instanceof Blob) blobs.set(url, object);
    return url;
  };
  var click = HTMLAnchorElement.prototype.click;
  HTMLAnchorElement.prototype.click = function () {
    if (this.hasAttribute('download')) {
      var entry = { name: this.download, href: this.href, type: null, text: null };
      harness.downloads.push(entry);
      var blob = blobs.get(this.href);
      if (blob) {
        entry.type = blob.type;
        // The text, and the bytes as base64 for a file that is not text (a PNG); text last, as
        // the harness waits for it.
        entry.base64 = null;
        Promise.all([blob.text(), blob.arrayBuffer()]).then(function (read) {
          var bytes = new Uint8Array(read[1]);
          var binary = '';
          for (var i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
          entry.base64 = btoa(binary);
          entry.text = read[0];
        }, function () { entry.base64 = ''; entry.text = ''; });
      }
    }
    if (window.__ccDownloadsRecordedOnly && this.hasAttribute('download')) return undefined;
    return click.apply(this, arguments);
  };
})();
