/// The script of the access page, shared by `baton report` (data embedded in the page) and
/// `baton explorer` (data fetched page by page from its JSON API).
///
/// Every value from the c1z reaches the page as a DOM text node or an attribute set with
/// `setAttribute`; nothing is ever parsed as HTML, so names like `<img src=x onerror=…>` stay text.
enum PageScript {
    static let text = #"""
        "use strict";
        (function () {
          const config = JSON.parse(document.getElementById("baton-data").textContent);
          const main = document.getElementById("app");
          const PAGE = 100;
          const SVG = "http://www.w3.org/2000/svg";

          function h(tag, attrs, ...kids) {
            const el = document.createElement(tag);
            for (const [key, value] of Object.entries(attrs || {})) {
              if (value === null || value === undefined || value === false) continue;
              if (key === "onclick") el.addEventListener("click", value);
              else if (key === "oninput") el.addEventListener("input", value);
              else if (key === "onchange") el.addEventListener("change", value);
              else if (key === "class") el.className = value;
              else el.setAttribute(key, String(value));
            }
            for (const kid of kids.flat(2)) {
              if (kid === null || kid === undefined || kid === false) continue;
              el.append(kid instanceof Node ? kid : document.createTextNode(String(kid)));
            }
            return el;
          }

          function svg(tag, attrs, ...kids) {
            const el = document.createElementNS(SVG, tag);
            for (const [key, value] of Object.entries(attrs || {})) el.setAttribute(key, String(value));
            for (const kid of kids) el.append(kid instanceof Node ? kid : document.createTextNode(String(kid)));
            return el;
          }

          // Replaces the view; arrays among the parts are flattened, empty parts left out.
          function show(...parts) {
            main.replaceChildren(...parts.flat(2).filter((part) => part !== "" && part !== null && part !== undefined));
          }

          const enc = encodeURIComponent;
          const resourceHref = (r) => "#/r/" + enc(r.t) + "/" + enc(r.id);
          const principalHref = (r) => "#/p/" + enc(r.t) + "/" + enc(r.id);
          const resourceLink = (r) => r ? h("a", {href: resourceHref(r), class: "res"}, r.name) : "(unknown)";
          const entLabel = (e) => e.r ? [resourceLink(e.r), " ", h("span", {class: "ent"}, e.name)] : e.name;
          const how = (g) => g.direct && g.via.length ? "direct + derived" : g.direct ? "direct" : "derived";

          // The paths a derived grant came through, one per source: principal -> each resource
          // (entitlement) of the chain, outermost first -> the resource.
          function path(principal, g, target) {
            if (!g.via.length) return "";
            return g.via.map((chain) => h("div", {class: "path"}, resourceLink(principal),
              chain.map((e) => [" \u2192 ", h("span", {class: "via"}, entLabel(e))]), " \u2192 ", resourceLink(target)));
          }

          // ---- Data sources: the same questions answered from embedded data or from the server ----

          function push(map, key, value) {
            const list = map.get(key);
            if (list) list.push(value); else map.set(key, [value]);
          }

          function pageOf(list, cursor, map) {
            const start = Number(cursor || 0);
            const next = start + PAGE < list.length ? String(start + PAGE) : "";
            return {items: list.slice(start, start + PAGE).map(map), next: next, total: list.length};
          }

          function memorySource(d) {
            const types = d.types.map((t) => ({id: t[0], name: t[1], traits: t[2]}));
            const keyOf = (t, id) => t + "\u0000" + id;
            const byKey = new Map();
            d.res.forEach((r, i) => byKey.set(keyOf(types[r[0]].id, r[1]), i));
            const entsByRes = new Map();
            const entByID = new Map();
            d.ents.forEach((e, i) => {
              push(entsByRes, e[0], i);
              entByID.set(e[2], i);
            });
            const byEnt = new Map();
            const byPrincipal = new Map();
            const byHolding = new Map();
            const count = d.g.length / 3;
            let direct = 0;
            let derived = 0;
            for (let i = 0; i < count; i++) {
              push(byEnt, d.g[3 * i], i);
              push(byPrincipal, d.g[3 * i + 1], i);
              byHolding.set(d.g[3 * i + 1] + ":" + d.g[3 * i], i);
              const s = d.src[d.g[3 * i + 2]];
              if (s[0] === 1) direct++;
              if (s.length > 1) derived++;
            }
            const profiles = new Map(d.prof);
            const R = (i) => {
              if (i < 0) return null;
              const r = d.res[i];
              const t = types[r[0]];
              return {t: t.id, tn: t.name, id: r[1], name: r[2], desc: r[3]};
            };
            const E = (i) => ({id: d.ents[i][2], name: d.ents[i][1], r: R(d.ents[i][0])});
            // A source entitlement, preceded by the ones the principal holds it through (first source each
            // step), back to one it holds directly; at most 8 steps, never round a cycle.
            const chain = (principal, entitlement) => {
              const steps = [entitlement];
              for (let step = 0; step < 8; step++) {
                const held = byHolding.get(principal + ":" + steps[0]);
                const s = held === undefined ? [1] : d.src[d.g[3 * held + 2]];
                if (s[0] === 1 || s.length < 2 || steps.includes(s[1])) break;
                steps.unshift(s[1]);
              }
              return steps.map(E);
            };
            const G = (i) => {
              const s = d.src[d.g[3 * i + 2]];
              const principal = d.g[3 * i + 1];
              return {ent: E(d.g[3 * i]), p: R(principal), direct: s[0] === 1,
                via: s.slice(1).map((e) => chain(principal, e))};
            };
            const typeCounts = new Map();
            d.res.forEach((r) => typeCounts.set(r[0], (typeCounts.get(r[0]) || 0) + 1));
            return {
              title: d.title,
              overview: async () => ({
                sync: d.sync,
                types: types.map((t, i) => ({id: t.id, name: t.name, traits: t.traits, count: typeCounts.get(i) || 0})),
                entitlements: d.ents.length,
                grants: {total: count, direct: direct, derived: derived},
                diff: d.diff ? d.diff.counts : null,
              }),
              types: async () => types,
              search: async (q, type, cursor) => {
                const needle = q.toLowerCase();
                const hits = [];
                d.res.forEach((r, i) => {
                  if (type && types[r[0]].id !== type) return;
                  if (!needle || r[2].toLowerCase().includes(needle) || r[1].toLowerCase().includes(needle)) hits.push(i);
                });
                return pageOf(hits, cursor, R);
              },
              resource: async (t, id) => {
                const i = byKey.get(keyOf(t, id));
                if (i === undefined) return null;
                const r = R(i);
                r.profile = profiles.get(i) || [];
                r.parent = R(d.res[i][4]);
                r.ents = (entsByRes.get(i) || []).map(E);
                r.holds = (byPrincipal.get(i) || []).length;
                return r;
              },
              holders: async (entID, cursor) => {
                return pageOf(byEnt.get(entByID.get(entID)) || [], cursor, G);
              },
              access: async (t, id, cursor) => {
                const list = (byPrincipal.get(byKey.get(keyOf(t, id))) || []).slice();
                list.sort((a, b) => d.ents[d.g[3 * a]][0] - d.ents[d.g[3 * b]][0]);
                return pageOf(list, cursor, G);
              },
              diff: d.diff ? async () => ({
                base: d.diff.base,
                counts: d.diff.counts,
                created: d.diff.resources.created.map(R),
                modified: d.diff.resources.modified.map(R),
                deleted: d.diff.resources.deleted,
                added: d.diff.grants.added.map(G),
                removed: d.diff.grants.removed,
              }) : null,
            };
          }

          function apiSource(api) {
            async function get(path, params) {
              // encodeURIComponent, not URLSearchParams: the server reads "+" as itself, not as a space.
              const query = Object.entries(params || {}).filter(([, value]) => value)
                .map(([key, value]) => key + "=" + enc(value)).join("&");
              const response = await fetch(api + path + (query ? "?" + query : ""));
              const body = await response.json();
              if (!response.ok) throw new Error(body.error || String(response.status));
              return body;
            }
            return {
              title: config.title,
              overview: () => get("/overview"),
              types: () => get("/types"),
              search: (q, type, cursor) => get("/resources", {q: q, type: type, cursor: cursor}),
              resource: (t, id) => get("/resource", {type: t, id: id}),
              holders: (entitlement, cursor) => get("/holders", {entitlement: entitlement, cursor: cursor}),
              access: (t, id, cursor) => get("/access", {type: t, id: id, cursor: cursor}),
              diff: null,
            };
          }

          const source = config.api ? apiSource(config.api) : memorySource(config);

          // ---- Tables, CSV export, charts ----

          function csvField(text) {
            // A leading =, +, - or @ would make a spreadsheet run the cell as a formula.
            const value = /^[=+\-@]/.test(text) ? "'" + text : text;
            return /[",\n\r]/.test(value) ? "\"" + value.replace(/"/g, "\"\"") + "\"" : value;
          }

          function exportCSV(table, name) {
            const lines = [...table.querySelectorAll("tr")].map((tr) =>
              [...tr.children].map((cell) => csvField(cell.textContent)).join(","));
            const blob = new Blob([lines.join("\r\n") + "\r\n"], {type: "text/csv"});
            const link = h("a", {href: URL.createObjectURL(blob), download: name + ".csv"});
            document.body.append(link);
            link.click();
            link.remove();
          }

          // A table filled page by page by `load(cursor)`, with "more" and CSV export buttons.
          function pagedTable(name, headers, load, row) {
            const body = h("tbody");
            const table = h("table", {class: "data", "data-table": name},
              h("thead", {}, h("tr", {}, headers.map((x) => h("th", {}, x)))), body);
            const more = h("button", {type: "button", class: "more"}, "Show more");
            const status = h("span", {class: "status"});
            let cursor = "";
            let shown = 0;
            async function next() {
              more.disabled = true;
              const page = await load(cursor);
              for (const item of page.items) body.append(h("tr", {}, row(item).map((c) => h("td", {}, c))));
              shown += page.items.length;
              cursor = page.next;
              more.hidden = !cursor;
              more.disabled = false;
              status.textContent = shown + (page.total !== undefined ? " of " + page.total : "") + " shown";
              return page;
            }
            more.addEventListener("click", () => next().catch(fail));
            const exportButton = h("button", {type: "button", class: "csv", onclick: () => exportCSV(table, name)},
              "Export CSV");
            return {element: h("div", {class: "paged"}, table, h("div", {class: "tools"}, status, more, exportButton)),
              next: next};
          }

          function barChart(rows, label) {
            const max = Math.max(1, ...rows.map((r) => r.value));
            const height = rows.length * 24 + 4;
            const chart = svg("svg", {class: "chart", width: 420, height: height, role: "img", "aria-label": label});
            rows.forEach((r, i) => {
              const y = i * 24 + 2;
              chart.append(svg("text", {x: 0, y: y + 15, class: "label"}, r.label));
              chart.append(svg("rect", {x: 150, y: y, height: 18, width: Math.max(1, 220 * r.value / max),
                class: r.class || "bar"}));
              chart.append(svg("text", {x: 155 + 220 * r.value / max, y: y + 15, class: "value"}, r.value));
            });
            return chart;
          }

          function card(title, ...content) {
            return h("section", {class: "card"}, h("h2", {}, title), content);
          }

          function fail(error) {
            show(h("p", {class: "error"}, "Error: " + (error && error.message || error)));
            document.body.setAttribute("data-ready", "error");
          }

          // ---- Views ----

          async function overview() {
            const o = await source.overview();
            const sync = h("dl", {class: "facts"},
              h("dt", {}, "Sync"), h("dd", {}, o.sync.id),
              h("dt", {}, "Type"), h("dd", {}, o.sync.type || ""),
              h("dt", {}, "Started"), h("dd", {}, o.sync.started || ""),
              h("dt", {}, "Ended"), h("dd", {}, o.sync.ended || ""));
            const types = h("table", {class: "data", "data-table": "types"},
              h("thead", {}, h("tr", {}, h("th", {}, "Resource type"), h("th", {}, "Traits"), h("th", {}, "Resources"))),
              h("tbody", {}, o.types.map((t) => h("tr", {},
                h("td", {}, h("a", {href: "#/search//" + enc(t.id)}, t.name)),
                h("td", {}, t.traits.join(", ")), h("td", {class: "num"}, t.count)))));
            const traits = new Map();
            for (const t of o.types) for (const trait of t.traits.length ? t.traits : ["none"])
              traits.set(trait, (traits.get(trait) || 0) + t.count);
            const parts = [
              card("Sync", sync),
              card("Resources by type", barChart(o.types.map((t) => ({label: t.name, value: t.count})),
                "Resources by type"), types),
              card("Resources by trait", barChart([...traits].map(([k, v]) => ({label: k, value: v})),
                "Resources by trait")),
            ];
            const g = o.grants;
            if (g.direct !== undefined && g.direct !== null) {
              parts.push(card("Grants",
                barChart([{label: "direct", value: g.direct, class: "bar direct"},
                  {label: "derived", value: g.derived, class: "bar derived"}], "Grants direct and derived"),
                h("p", {}, g.total + " grants, " + o.entitlements + " entitlements")));
            } else {
              parts.push(card("Grants", h("p", {}, g.total + " grants, " + o.entitlements + " entitlements")));
            }
            if (o.diff) {
              parts.push(card("Changes", h("p", {}, h("a", {href: "#/diff"},
                (o.diff.grants ? o.diff.grants.created + " grants added, " + o.diff.grants.deleted + " removed; " : "") +
                (o.diff.resources ? o.diff.resources.created + " resources created, " +
                  o.diff.resources.deleted + " deleted" : "")))));
            }
            show(h("h1", {}, "Overview"), h("div", {class: "grid"}, parts));
          }

          async function search(q, type) {
            const types = await source.types();
            const input = h("input", {type: "search", id: "q", placeholder: "Name or id", value: q});
            const select = h("select", {id: "type"}, h("option", {value: ""}, "All types"),
              types.map((t) => h("option", {value: t.id, selected: t.id === type}, t.name)));
            const go = () => { location.hash = "#/search/" + enc(input.value) + "/" + enc(select.value); };
            input.addEventListener("change", go);
            select.addEventListener("change", go);
            const table = pagedTable("resources", ["Type", "Name", "ID", "Description"],
              (cursor) => source.search(q, type, cursor),
              (r) => [r.tn, resourceLink(r), r.id, r.desc]);
            show(h("h1", {}, "Resources and principals"),
              h("div", {class: "searchbar"}, input, select, h("button", {type: "button", onclick: go}, "Search")),
              table.element);
            await table.next();
          }

          async function resourcePage(t, id) {
            const r = await source.resource(t, id);
            if (!r) {
              show(h("h1", {}, "Not found"), h("p", {}, t + " " + id + " is not in this sync."));
              return;
            }
            const facts = h("dl", {class: "facts"},
              h("dt", {}, "Type"), h("dd", {}, r.tn),
              h("dt", {}, "ID"), h("dd", {}, r.id),
              r.desc ? [h("dt", {}, "Description"), h("dd", {}, r.desc)] : [],
              r.parent ? [h("dt", {}, "Parent"), h("dd", {}, resourceLink(r.parent))] : [],
              r.profile.map(([k, v]) => [h("dt", {}, k), h("dd", {}, v)]));
            const sections = [];
            const loads = [];
            for (const e of r.ents) {
              const table = pagedTable("holders-" + e.name, ["Principal type", "Principal", "How", "Path"],
                (cursor) => source.holders(e.id, cursor),
                (g) => [g.p ? g.p.tn : "", resourceLink(g.p), how(g), path(g.p, g, r)]);
              sections.push(h("section", {class: "entitlement"}, h("h3", {}, e.name, " ", h("code", {}, e.id)),
                table.element));
              loads.push(table.next());
            }
            show(h("h1", {}, r.name), facts,
              r.holds ? h("p", {}, h("a", {href: principalHref(r)}, "Everything " + r.name + " can reach")) : "",
              h("h2", {}, "Entitlements and who holds them"),
              sections.length ? sections : h("p", {}, "No entitlements."));
            await Promise.all(loads);
          }

          async function principalPage(t, id) {
            const r = await source.resource(t, id);
            const who = r || {t: t, tn: t, id: id, name: id};
            const groups = h("div", {class: "groups"});
            const rows = [];
            const more = h("button", {type: "button", class: "more"}, "Show more");
            const exportButton = h("button", {type: "button", class: "csv"}, "Export CSV");
            let cursor = "";
            function render() {
              const byType = new Map();
              for (const g of rows) push(byType, g.ent.r ? g.ent.r.tn : "(unknown)", g);
              groups.replaceChildren(...[...byType].map(([typeName, list]) => h("section", {class: "rtype"},
                h("h3", {}, typeName + " (" + list.length + ")"),
                h("table", {class: "data", "data-table": "access-" + typeName},
                  h("thead", {}, h("tr", {}, ["Resource", "Entitlement", "How", "Path"].map((x) => h("th", {}, x)))),
                  h("tbody", {}, list.map((g) => h("tr", {},
                    h("td", {}, resourceLink(g.ent.r)), h("td", {}, g.ent.name), h("td", {}, how(g)),
                    h("td", {}, path(who, g, g.ent.r)))))))));
            }
            async function next() {
              more.disabled = true;
              const page = await source.access(t, id, cursor);
              rows.push(...page.items);
              cursor = page.next;
              more.hidden = !cursor;
              more.disabled = false;
              render();
            }
            more.addEventListener("click", () => next().catch(fail));
            exportButton.addEventListener("click", () => {
              const table = h("table", {}, h("tr", {}, ["Resource type", "Resource", "Entitlement", "How", "Via"]
                .map((x) => h("th", {}, x))), rows.map((g) => h("tr", {}, [g.ent.r ? g.ent.r.tn : "",
                g.ent.r ? g.ent.r.name : "", g.ent.name, how(g), g.via.map((c) => c.map((e) => e.id).join(" > ")).join("; ")]
                .map((x) => h("td", {}, x)))));
              exportCSV(table, "access-" + who.name);
            });
            show(h("h1", {}, "Access of ", r ? resourceLink(r) : who.name),
              h("p", {}, who.tn + " " + who.id), groups, h("div", {class: "tools"}, more, exportButton));
            await next();
            if (!rows.length) groups.replaceChildren(h("p", {}, "No grants."));
          }

          async function diffPage() {
            if (!source.diff) {
              show(h("p", {}, "No comparison: run baton report with --to."));
              return;
            }
            const d = await source.diff();
            const list = (name, headers, items, cls, row) => {
              const table = h("table", {class: "data " + cls, "data-table": name},
                h("thead", {}, h("tr", {}, headers.map((x) => h("th", {}, x)))),
                h("tbody", {}, items.map((item) => h("tr", {class: cls}, row(item).map((c) => h("td", {}, c))))));
              return h("section", {}, h("h2", {}, name.replace("-", " ") + " (" + items.length + ")"), table,
                h("div", {class: "tools"}, h("button", {type: "button", class: "csv",
                  onclick: () => exportCSV(table, name)}, "Export CSV")));
            };
            const c = d.counts;
            show(h("h1", {}, "Changes since sync " + d.base.id),
              h("p", {}, "Grants: " + c.grants.created + " added, " + c.grants.deleted + " removed. Resources: " +
                c.resources.created + " created, " + c.resources.deleted + " deleted, " + c.resources.modified +
                " modified."),
              list("grants-added", ["Resource", "Entitlement", "Principal", "How"], d.added, "added",
                (g) => [resourceLink(g.ent.r), g.ent.name, resourceLink(g.p), how(g)]),
              list("grants-removed", ["Resource type", "Resource", "Entitlement", "Principal type", "Principal"],
                d.removed, "removed", (x) => x),
              list("resources-created", ["Type", "Name", "ID"], d.created, "added", (r) => [r.tn, resourceLink(r), r.id]),
              list("resources-deleted", ["Type", "ID", "Name"], d.deleted, "removed", (x) => x),
              list("resources-modified", ["Type", "Name", "ID"], d.modified, "modified",
                (r) => [r.tn, resourceLink(r), r.id]));
          }

          async function route() {
            const parts = location.hash.replace(/^#\/?/, "").split("/").map(decodeURIComponent);
            document.body.removeAttribute("data-ready");
            window.scrollTo(0, 0);
            if (parts[0] === "search") await search(parts[1] || "", parts[2] || "");
            else if (parts[0] === "r" && parts.length >= 3) await resourcePage(parts[1], parts.slice(2).join("/"));
            else if (parts[0] === "p" && parts.length >= 3) await principalPage(parts[1], parts.slice(2).join("/"));
            else if (parts[0] === "diff") await diffPage();
            else await overview();
            document.body.setAttribute("data-ready", parts[0] || "overview");
            // Since navigation started: reading the page and its data, the script, and this view.
            document.body.setAttribute("data-render-ms", String(Math.round(performance.now())));
          }

          document.title = "Access: " + source.title;
          document.getElementById("title").textContent = source.title;
          if (!source.diff) document.getElementById("nav-diff").remove();
          window.addEventListener("hashchange", () => route().catch(fail));
          route().catch(fail);
        })();
        """#
}
