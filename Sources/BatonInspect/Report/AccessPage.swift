import Crypto
import Foundation

/// The one HTML page of `baton report` and `baton explorer`: inline style and script, the data (or
/// where to fetch it) in a JSON script element, and a Content-Security-Policy that allows exactly the
/// inline style and script by their hashes, no other code and no requests (the explorer: to itself).
enum AccessPage {
    /// Where the page's data comes from.
    enum DataSource {
        /// The JSON of ``ReportData``, embedded in the page.
        case embedded(json: String)
        /// Fetched from the explorer's API, under this path on the page's own origin.
        case api(path: String, title: String)
    }

    /// The complete page.
    static func html(_ source: DataSource) -> String {
        let data: String
        switch source {
        case .embedded(let json):
            data = json
        case .api(let path, let title):
            var object = JSONObject()
            object.add("api", string: path)
            object.add("title", string: title)
            data = ReportData.embeddable(object.text)
        }
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="\(contentSecurityPolicy(source))">
            <meta name="referrer" content="no-referrer">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Access</title>
            <style>\(style)</style>
            </head>
            <body>
            <header><span class="brand">baton</span> <span id="title"></span>
            <nav><a href="#/">Overview</a> <a href="#/search//">Search</a> <a id="nav-diff" href="#/diff">Changes</a></nav>
            </header>
            <main id="app"><p>Loading…</p></main>
            <script type="application/json" id="baton-data">\(data)</script>
            <script>\(PageScript.text)</script>
            </body>
            </html>

            """
    }

    /// The policy: the page's own style and script only; the report makes no request at all, the
    /// explorer's page fetches from its own origin. `blob:` downloads the CSV export.
    static func contentSecurityPolicy(_ source: DataSource) -> String {
        let connect: String
        switch source {
        case .embedded: connect = "'none'"
        case .api: connect = "'self'"
        }
        return "default-src 'none'; script-src '\(sha256(PageScript.text))'; style-src '\(sha256(style))'; "
            + "img-src data:; connect-src \(connect); base-uri 'none'; form-action 'none'"
    }

    private static func sha256(_ text: String) -> String {
        "sha256-" + Data(SHA256.hash(data: Data(text.utf8))).base64EncodedString()
    }

    static let style = """
        :root { color-scheme: light; --ink: #1d2433; --muted: #5b6475; --line: #dde2ea; --accent: #2856c5; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink);
          background: #f5f7fa; }
        header { display: flex; gap: 16px; align-items: baseline; padding: 10px 20px; background: #1d2433;
          color: #fff; }
        header .brand { font-weight: 700; letter-spacing: .04em; }
        header nav { margin-left: auto; display: flex; gap: 14px; }
        header a { color: #c9d6ff; }
        main { padding: 16px 20px 40px; max-width: 1200px; }
        h1 { font-size: 22px; margin: 6px 0 14px; overflow-wrap: anywhere; }
        h2 { font-size: 16px; margin: 18px 0 8px; }
        h3 { font-size: 14px; margin: 14px 0 6px; }
        a { color: var(--accent); text-decoration: none; }
        a:hover { text-decoration: underline; }
        code { color: var(--muted); font-size: 12px; }
        .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(440px, 1fr)); gap: 14px; }
        .card { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 4px 16px 14px; }
        dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 14px; margin: 0 0 12px; }
        dl.facts dt { color: var(--muted); }
        dl.facts dd { margin: 0; overflow-wrap: anywhere; }
        table.data { border-collapse: collapse; width: 100%; background: #fff; border: 1px solid var(--line); }
        table.data th, table.data td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line);
          vertical-align: top; overflow-wrap: break-word; }
        table.data th { background: #eef1f6; font-weight: 600; }
        td.num { text-align: right; }
        tr.added td { background: #e7f6ea; }
        tr.removed td { background: #fbe9e9; text-decoration: line-through; text-decoration-color: #c44; }
        tr.modified td { background: #fff6dd; }
        .tools { display: flex; gap: 8px; align-items: center; margin: 6px 0 12px; }
        .status { color: var(--muted); margin-right: auto; }
        button { font: inherit; padding: 3px 10px; border: 1px solid var(--line); border-radius: 5px; background: #fff;
          cursor: pointer; }
        .searchbar { display: flex; gap: 8px; margin-bottom: 10px; }
        .searchbar input { flex: 1; font: inherit; padding: 5px 8px; }
        .ent { color: var(--muted); }
        .path { color: var(--muted); }
        .error { color: #b00020; }
        svg.chart text { font-size: 12px; fill: var(--ink); }
        svg.chart rect.bar { fill: #5b7fd9; }
        svg.chart rect.direct { fill: #3b9c5a; }
        svg.chart rect.derived { fill: #d08b2c; }
        """
}
