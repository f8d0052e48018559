"""``lint-news report PATH -o report.html``: one self-contained page about a corpus.

Findings per rule and source, the share of clean files per source, defects by publication
month (the date the missing-date rule reads), the near-duplicate clusters, and the worst files
with their findings. Charts are drawn by Plotly, whose JavaScript is inlined in the page: it
opens from a file or an e-mail attachment with no network, and shows the same thing next year.
"""

from __future__ import annotations

import datetime
import heapq
import html
import json
from collections import Counter
from typing import TYPE_CHECKING, Any

from ...core.lazy import lazy_module

if TYPE_CHECKING:
    import plotly.graph_objects as go
    import plotly.offline as plotly_offline

    from .dedup import Cluster, Deduplicator
    from .scan import FileFacts
else:  # the ``corpus`` extra, imported when a report is drawn
    go = lazy_module("plotly.graph_objects")
    plotly_offline = lazy_module("plotly.offline")

WORST = 25
NO_DATE = "no date"


class Summary:
    """What the page shows, accumulated file by file (counts, plus details of the worst files)."""

    def __init__(self) -> None:
        self.files = 0
        self.clean = 0
        self.by_rule_source: Counter[tuple[str, str]] = Counter()
        self.files_by_source: Counter[str] = Counter()
        self.clean_by_source: Counter[str] = Counter()
        self.by_month_rule: Counter[tuple[str, str]] = Counter()
        self.worst: list[tuple[int, str, int, FileFacts]] = []  # a min-heap of the WORST dirtiest

    def add(self, facts: FileFacts) -> None:
        self.files += 1
        self.files_by_source[facts.source] += 1
        total = facts.findings
        if not total:
            self.clean += 1
            self.clean_by_source[facts.source] += 1
            return
        month = facts.date.strftime("%Y-%m") if facts.date else NO_DATE
        for rule, count in facts.rules.items():
            self.by_rule_source[rule, facts.source] += count
            self.by_month_rule[month, rule] += count
        entry = (total, _reverse(facts.path), self.files, facts)
        if len(self.worst) < WORST:
            heapq.heappush(self.worst, entry)
        elif entry[:2] > self.worst[0][:2]:
            heapq.heapreplace(self.worst, entry)
        else:
            facts.details = []

    @property
    def worst_files(self) -> list[FileFacts]:
        return [entry[3] for entry in sorted(self.worst, key=lambda e: (-e[0], e[3].path))]


def _reverse(path: str) -> str:
    """Ties in the worst-files heap go to the path that sorts first."""
    return "".join(chr(0x10FFFF - ord(c)) for c in path)


def _figure(kind: str, **layout: Any) -> Any:
    figure = go.Figure()
    figure.update_layout(
        template="plotly_white", margin={"l": 60, "r": 20, "t": 20, "b": 60}, height=420, **layout
    )
    return figure


def charts(summary: Summary) -> list[tuple[str, str, Any]]:
    """(id, heading, figure) for each chart."""
    sources = sorted(summary.files_by_source)
    rules = sorted({rule for rule, _ in summary.by_rule_source})
    per_rule = _figure(
        "bar", barmode="stack", xaxis_title="source", yaxis_title="findings", legend_title="rule"
    )
    for rule in rules:
        per_rule.add_trace(go.Bar(name=rule, x=sources, y=[summary.by_rule_source[rule, s] for s in sources]))
    shares = [100 * summary.clean_by_source[s] / summary.files_by_source[s] for s in sources]
    clean = _figure("bar", xaxis_title="source", yaxis={"title": "clean files (%)", "range": [0, 100]})
    clean.add_trace(
        go.Bar(
            x=sources,
            y=shares,
            marker_color="#2a9d8f",
            text=[f"{summary.clean_by_source[s]}/{summary.files_by_source[s]}" for s in sources],
            textposition="outside",
            name="clean",
        )
    )
    months = sorted({m for m, _ in summary.by_month_rule if m != NO_DATE})
    if any(m == NO_DATE for m, _ in summary.by_month_rule):
        months.append(NO_DATE)
    by_month = _figure(
        "bar",
        barmode="stack",
        xaxis={"title": "month (from the date line)", "type": "category"},
        yaxis_title="findings",
        legend_title="rule",
    )
    for rule in rules:
        by_month.add_trace(go.Bar(name=rule, x=months, y=[summary.by_month_rule[m, rule] for m in months]))
    return [
        ("chart-rules", "Findings per rule and source", per_rule),
        ("chart-clean", "Clean files per source", clean),
        ("chart-months", "Defects by publication month", by_month),
    ]


_STYLE = """
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:0;color:#1d2330;
background:#f6f7f9}
header{background:#1d3557;color:#fff;padding:18px 32px}header h1{margin:0 0 4px;font-size:22px}
header p{margin:0;opacity:.85;font-size:13px}main{padding:16px 32px;max-width:1280px}
section{background:#fff;border:1px solid #e1e4ea;border-radius:6px;padding:12px 18px;margin:14px 0}
h2{font-size:17px;margin:6px 0 10px}.cards{display:flex;gap:12px;flex-wrap:wrap}
.card{background:#fff;border:1px solid #e1e4ea;border-radius:6px;padding:10px 16px;min-width:140px}
.card b{display:block;font-size:22px}table{border-collapse:collapse;width:100%;font-size:13px}
td,th{border-bottom:1px solid #eceef2;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f1f3f6}td.n{text-align:right;font-variant-numeric:tabular-nums}code{font-size:12px}
.keep{color:#2a9d8f;font-weight:600}.dup{color:#b5523b}.chart{min-height:420px}
"""


def render(
    summary: Summary,
    clusters: list[Cluster],
    dedup: Deduplicator | None,
    *,
    title: str,
    version: str,
    fingerprint: str,
    paths: list[str],
) -> str:
    """The page, as one string (Plotly's JavaScript included: about 4.6 MB)."""
    e = html.escape
    figures = charts(summary)
    generated = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    findings = sum(summary.by_rule_source.values())
    duplicates = sum(len(c.duplicates) for c in clusters)
    parts = [
        "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>",
        f"<title>{e(title)}</title><meta name='viewport' content='width=device-width, initial-scale=1'>",
        f"<style>{_STYLE}</style>",
        # errors are shown in the page (and read by the browser test) instead of only a console
        "<script>window.lintNewsErrors=[];window.addEventListener('error',function(ev){"
        "window.lintNewsErrors.push(String(ev.message));var d=document.getElementById('js-errors');"
        "if(d){d.textContent=window.lintNewsErrors.join('\\n');}});</script>",
        f"<script>{plotly_offline.get_plotlyjs()}</script>",
        "</head><body>",
        f"<header><h1>{e(title)}</h1><p>{e(', '.join(paths))} · lint-news {e(version)} · config "
        f"{e(fingerprint[:12])} · generated {e(generated)}</p></header><main>",
        "<div class='cards'>",
        f"<div class='card'>files<b id='total-files'>{summary.files}</b></div>",
        f"<div class='card'>clean files<b>{summary.clean} "
        f"({100 * summary.clean / max(summary.files, 1):.0f} %)</b></div>",
        f"<div class='card'>findings<b>{findings}</b></div>",
        f"<div class='card'>duplicate clusters<b id='total-clusters'>{len(clusters)}</b></div>",
        f"<div class='card'>removable copies<b>{duplicates}</b></div></div>",
        "<pre id='js-errors' style='color:#b00'></pre>",
    ]
    for chart_id, heading, _ in figures:
        parts.append(f"<section><h2>{e(heading)}</h2><div id='{chart_id}' class='chart'></div></section>")
    parts.append(_cluster_table(clusters, dedup))
    parts.append(_worst_table(summary.worst_files))
    data = {chart_id: json.loads(figure.to_json()) for chart_id, _, figure in figures}
    # the figures' JSON in a data block (never parsed as HTML), drawn when the page has loaded;
    # document.body.dataset.charts counts the charts Plotly finished drawing
    payload = json.dumps(data).replace("</", "<\\/")
    parts.append(f"<script type='application/json' id='figures'>{payload}</script>")
    parts.append(
        "<script>(function(){var figs=JSON.parse(document.getElementById('figures').textContent);"
        "var done=Object.keys(figs).map(function(id){var f=figs[id];"
        "return Plotly.newPlot(id,f.data,f.layout,{displaylogo:false,responsive:true});});"
        "Promise.all(done).then(function(){document.body.dataset.charts=String(done.length);});"
        "})();</script>"
    )
    parts.append("</main></body></html>\n")
    return "".join(parts)


def _cluster_table(clusters: list[Cluster], dedup: Deduplicator | None) -> str:
    e = html.escape
    rows = []
    for number, cluster in enumerate(clusters, 1):
        for path, score in cluster.members:
            doc = dedup.documents.get(path) if dedup is not None else None
            date = doc.date.isoformat() if doc is not None and doc.date else ""
            kept = path == cluster.kept
            rows.append(
                f"<tr class='cluster-row'><td class='n'>{number}</td>"
                f"<td class='{'keep' if kept else 'dup'}'>{'kept' if kept else 'duplicate'}</td>"
                f"<td><code>{e(path)}</code></td><td>{e(date)}</td>"
                f"<td class='n'>{doc.findings if doc else ''}</td><td class='n'>{score:.3f}</td></tr>"
            )
    body = "".join(rows) or "<tr><td colspan='6'>No near-duplicates.</td></tr>"
    return (
        "<section id='duplicates'><h2>Duplicate clusters</h2><p>Each story found more than once; "
        "the kept file is the earliest dated, then the cleanest. Similarity: share of the shorter "
        "text found, in order, in the longer. <code>lint-news corpus --fix --unsafe-fixes</code> "
        "deletes the duplicates.</p><table><tr><th>#</th><th></th><th>file</th><th>date</th>"
        f"<th>findings</th><th>similarity</th></tr>{body}</table></section>"
    )


def _worst_table(worst: list[FileFacts]) -> str:
    e = html.escape
    rows = []
    details = []
    for index, facts in enumerate(worst, 1):
        rules = ", ".join(f"{rule} ×{n}" for rule, n in facts.rules.most_common())
        rows.append(
            f"<tr class='worst-row'><td class='n'>{index}</td><td><a href='#file-{index}'>"
            f"<code>{e(facts.path)}</code></a></td><td>{e(facts.source)}</td>"
            f"<td class='n'>{facts.findings}</td><td>{e(rules)}</td></tr>"
        )
        items = "".join(
            f"<tr><td class='n'>{row}:{column}</td><td>{e(rule)}</td><td>{e(message)}</td></tr>"
            for rule, row, column, message in facts.details
        )
        more = facts.findings - len(facts.details)
        tail = f"<p>… and {more} more (run <code>lint-news</code> on the file).</p>" if more > 0 else ""
        details.append(
            f"<div id='file-{index}' class='file-findings'><h3><code>{e(facts.path)}</code></h3>"
            f"<table>{items}</table>{tail}</div>"
        )
    body = "".join(rows) or "<tr><td colspan='5'>Every file is clean.</td></tr>"
    return (
        "<section id='worst'><h2>Worst files</h2><table><tr><th>#</th><th>file</th><th>source</th>"
        f"<th>findings</th><th>rules</th></tr>{body}</table></section>"
        f"<section id='findings'><h2>Findings of the worst files</h2>{''.join(details)}</section>"
    )
