import Crypto
import Foundation

/// The report's only code and style. Both are constant (no content is ever interpolated
/// into them): the Content-Security-Policy allows exactly these two by SHA-256 and
/// nothing else, so markup injected through a document could not run even if escaping
/// failed. The script reads the filter values from the DOM and only toggles `hidden`.
enum HTMLReportAssets {
    static let script = """
    (function () {
      'use strict';
      document.documentElement.setAttribute('data-report-script', 'ran');
      var form = document.getElementById('filters');
      if (!form) { return; }
      var docs = Array.prototype.slice.call(document.querySelectorAll('article.doc'));
      var shown = document.getElementById('shown-count');
      function value(name) { var field = form.elements.namedItem(name); return field ? field.value : ''; }
      function apply() {
        var band = value('band'), language = value('language'), category = value('category'), crime = value('crime');
        var count = 0;
        docs.forEach(function (doc) {
          var categories = ' ' + (doc.getAttribute('data-categories') || '') + ' ';
          var ok = (!band || doc.getAttribute('data-band') === band)
            && (!language || doc.getAttribute('data-language') === language)
            && (!crime || doc.getAttribute('data-crime') === crime)
            && (!category || categories.indexOf(' ' + category + ' ') >= 0);
          doc.hidden = !ok;
          if (ok) { count += 1; }
        });
        if (shown) { shown.textContent = String(count); }
      }
      form.addEventListener('change', apply);
      form.addEventListener('reset', function () { window.setTimeout(apply, 0); });
      form.addEventListener('submit', function (event) { event.preventDefault(); });
      form.hidden = false;
      apply();
    })();
    """

    static let style = """
    :root { --low: #8a8f98; --medium: #c98a00; --high: #c62828; --ink: #1d2330; --muted: #5b6474; --line: #d9dde4; --panel: #f6f7f9; }
    * { box-sizing: border-box; }
    body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); margin: 0; background: #fff; }
    header.top { background: #1d2330; color: #fff; padding: 14px 24px; }
    header.top h1 { margin: 0; font-size: 20px; }
    header.top p { margin: 2px 0 0; color: #c5cbd6; }
    main { padding: 8px 24px 40px; max-width: 1240px; }
    h2 { font-size: 17px; border-bottom: 1px solid var(--line); padding-bottom: 4px; margin-top: 28px; }
    h3 { font-size: 14px; margin: 12px 0 4px; }
    table { border-collapse: collapse; margin: 6px 0; }
    th, td { text-align: left; padding: 3px 10px 3px 0; vertical-align: top; border-bottom: 1px solid #eceef2; }
    th { color: var(--muted); font-weight: 600; }
    td.num, th.num { text-align: right; }
    code, .hash { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 12px; word-break: break-all; }
    .run { display: grid; grid-template-columns: 1fr 1fr; gap: 0 32px; }
    .charts { display: flex; flex-wrap: wrap; gap: 24px; align-items: flex-start; }
    .chart { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; }
    .chart text { font: 11px system-ui, sans-serif; fill: var(--ink); }
    form#filters { position: sticky; top: 0; background: #fff; border-bottom: 1px solid var(--line); padding: 8px 0; z-index: 2; display: flex; flex-wrap: wrap; gap: 14px; align-items: center; }
    form#filters[hidden] { display: none; }
    form#filters label { color: var(--muted); }
    article.doc { border: 1px solid var(--line); border-left: 5px solid var(--low); border-radius: 6px; padding: 10px 14px; margin: 12px 0; }
    article.doc[hidden] { display: none; }
    article.band-medium { border-left-color: var(--medium); }
    article.band-high { border-left-color: var(--high); }
    article.doc > header { display: flex; flex-wrap: wrap; gap: 10px; align-items: baseline; }
    .rank { font-weight: 700; color: var(--muted); }
    .score { font-size: 18px; font-weight: 700; }
    .badge { display: inline-block; border-radius: 10px; padding: 0 8px; font-size: 12px; background: var(--panel); border: 1px solid var(--line); }
    .badge.band-low { background: #eef0f3; }
    .badge.band-medium { background: #fff3d6; border-color: #f0cf7a; }
    .badge.band-high { background: #fde3e3; border-color: #f2a5a5; }
    .docid { font-weight: 600; word-break: break-all; unicode-bidi: isolate; }
    .meta { color: var(--muted); font-size: 12px; margin: 2px 0 6px; }
    .elements .el { display: inline-block; margin-right: 4px; padding: 0 6px; border-radius: 4px; font-size: 12px; border: 1px solid var(--line); color: var(--muted); }
    .elements .el.on { background: #e3f1e6; border-color: #9fcca9; color: #1e5b2c; font-weight: 600; }
    meter { width: 90px; }
    blockquote.quote { margin: 4px 0 8px; padding: 6px 10px; background: var(--panel); border-left: 3px solid var(--line); white-space: pre-wrap; word-break: break-word; unicode-bidi: isolate; }
    mark { background: #ffe066; padding: 0 1px; border-radius: 2px; }
    .hitmeta { font-size: 12px; color: var(--muted); }
    .ctl { color: #b00020; background: #fde3e3; font-family: ui-monospace, monospace; font-size: 11px; border-radius: 3px; padding: 0 2px; }
    ol.timeline { list-style: none; padding-left: 0; border-left: 2px solid var(--line); margin-left: 6px; }
    ol.timeline > li { position: relative; padding: 2px 0 6px 14px; }
    ol.timeline > li::before { content: ""; position: absolute; left: -6px; top: 8px; width: 10px; height: 10px; border-radius: 50%; background: var(--medium); }
    .sender { font-weight: 600; unicode-bidi: isolate; }
    .role { font-size: 11px; text-transform: uppercase; letter-spacing: .04em; padding: 0 6px; border-radius: 8px; background: #e8eaf6; color: #283593; }
    ol.stages { display: inline-flex; flex-wrap: wrap; gap: 4px; list-style: none; padding: 0; margin: 0 0 6px 4px; vertical-align: middle; }
    ol.stages > li { background: var(--panel); border: 1px solid var(--line); padding: 0 8px; border-radius: 10px; font-size: 12px; }
    details > summary { cursor: pointer; color: var(--muted); }
    footer { color: var(--muted); font-size: 12px; margin-top: 32px; }
    """

    /// `'sha256-…'` of an inline script or style, as CSP wants it.
    static func cspHash(_ content: String) -> String {
        "'sha256-" + Data(SHA256.hash(data: Array(content.utf8))).base64EncodedString() + "'"
    }

    /// Nothing loads, connects, frames or submits; only the report's own script and style run.
    static var contentSecurityPolicy: String {
        "default-src 'none'; script-src \(cspHash(script)); style-src \(cspHash(style)); img-src data:; "
            + "base-uri 'none'; form-action 'none'"
    }
}
