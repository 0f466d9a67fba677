#!/usr/bin/env python3
"""Turns run.sh's measurements into the results table (issue 8's targets beside
each figure). Usage: report.py MEASUREMENTS.env SEARCH.json OUT_DIR [PARSE.json]
Writes OUT_DIR/results.md and OUT_DIR/results.json and prints the table."""
import json
import os
import platform
import re
import sys


def read_env(path):
    values = {}
    for line in open(path, encoding="utf-8"):
        name, _, value = line.rstrip("\n").partition("=")
        values[name] = value
    return values


def wrk_ms(text):
    """wrk's "850.00us" / "1.23ms" / "1.02s" in milliseconds."""
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text or "")
    if not match:
        return None
    return float(match.group(1)) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[match.group(2)]


def verdict(holds):
    return "n/a" if holds is None else ("met" if holds else "NOT met")


def parsing_rows(path):
    """convoca_parse_bench's Google Benchmark JSON: one row per plugin, its
    parse() MB/s beside the floor's on the same bytes."""
    rates = {}
    for run in json.load(open(path, encoding="utf-8"))["benchmarks"]:
        kind, _, source = run["name"].partition("/")
        if "bytes_per_second" in run:
            rates.setdefault(source, {})[kind] = (run["bytes_per_second"] / 1e6, run.get("payload_bytes", 0))
    rows = []
    for source, rate in sorted(rates.items()):
        if "parse" not in rate or "floor" not in rate:
            continue
        (plugin_mbps, size), (floor_mbps, _) = rate["parse"], rate["floor"]
        ratio = plugin_mbps / floor_mbps
        rows.append((f"parsing MB/s, {source} ({size / 1000:.0f} KB)", f"{plugin_mbps:.1f}", f"floor {floor_mbps:.1f}",
                     f"{ratio:.2f}", ">= 0.5x floor", verdict(ratio >= 0.5)))
    return rows


def main():
    env, search, out = read_env(sys.argv[1]), json.load(open(sys.argv[2])), sys.argv[3]
    parse_json = sys.argv[4] if len(sys.argv) > 4 else None
    records = search["records"]
    corpus_mb = int(env["corpus_bytes"]) / 1e6
    rows = []  # (figure, convoca, reference, ratio, target, verdict)

    def rate(name):
        seconds = float(env[f"{name}_seconds"])
        return seconds, records / seconds, corpus_mb / seconds

    c_sec, c_rps, c_mbps = rate("convoca_index")
    s_sec, s_rps, s_mbps = rate("scriptindex")
    ratio = c_rps / s_rps
    rows.append(("indexing wall time (s)", f"{c_sec:.2f}", f"scriptindex {s_sec:.2f}", "", "", ""))
    rows.append(("indexing records/s", f"{c_rps:.0f}", f"scriptindex {s_rps:.0f}", f"{ratio:.2f}",
                 ">= 2.0x scriptindex", verdict(ratio >= 2.0)))
    rows.append(("indexing MB/s (of JSONL)", f"{c_mbps:.2f}", f"scriptindex {s_mbps:.2f}", f"{c_mbps / s_mbps:.2f}", "", ""))
    rows.append(("indexing CPU % (200 = both cores)", env["convoca_index_cpu_percent"],
                 f"scriptindex {env['scriptindex_cpu_percent']}", "", "both cores used",
                 verdict(float(env["convoca_index_cpu_percent"]) > 150)))
    rows.append(("index peak RSS (MB)", f"{int(env['convoca_index_peak_rss_kb']) / 1024:.0f}",
                 f"scriptindex {int(env['scriptindex_peak_rss_kb']) / 1024:.0f}", "", "", ""))
    c_bpr = int(env["convoca_index_bytes"]) / records
    rows.append(("index bytes/record", f"{c_bpr:.0f}",
                 f"scriptindex {int(env['scriptindex_bytes']) / records:.0f}; FTS5 {search['fts5_bytes'] / records:.0f}",
                 f"{c_bpr / (search['fts5_bytes'] / records):.2f} (vs FTS5)", "reported beside FTS5", "met"))
    rows.append(("FTS5 build (s, records/s)", "", f"{search['fts5_build_seconds']:.2f} s, "
                 f"{records / search['fts5_build_seconds']:.0f}/s", "", "", ""))

    cs, fs, ff = search["convoca_search"], search["fts5_search"], search["fts5_search_with_facets"]
    at_100k = records >= 100000
    rows.append(("in-process search p50 (ms)", f"{cs['p50_ms']:.3f}",
                 f"FTS5 {fs['p50_ms']:.3f}; FTS5+facets {ff['p50_ms']:.3f}", f"{cs['p50_ms'] / fs['p50_ms']:.2f}",
                 "<= FTS5 p50", verdict(cs["p50_ms"] <= fs["p50_ms"])))
    rows.append(("in-process search p95 (ms)", f"{cs['p95_ms']:.3f}",
                 f"FTS5 {fs['p95_ms']:.3f}; FTS5+facets {ff['p95_ms']:.3f}", f"{cs['p95_ms'] / fs['p95_ms']:.2f}", "", ""))
    rows.append(("in-process search p99 (ms)", f"{cs['p99_ms']:.3f}",
                 f"FTS5 {fs['p99_ms']:.3f}; FTS5+facets {ff['p99_ms']:.3f}", f"{cs['p99_ms'] / fs['p99_ms']:.2f}",
                 "<= 10 ms at 100k", verdict(cs["p99_ms"] <= 10) + ("" if at_100k else f" (at {records})")))
    rows.append(("queries with hits", f"{search['convoca_queries_with_hits']}/{search['queries']}",
                 f"FTS5 {search['fts5_queries_with_hits']}/{search['queries']}", "", "", ""))
    if "matching_seconds" in search:
        per = search["matching_per_profile"]
        rows.append((f"matching {search['profiles']} profiles (s)", f"{search['matching_seconds']:.2f}",
                     f"{search.get('matching_threads', 1)} threads; one thread "
                     f"{search.get('matching_one_thread_seconds', search['matching_seconds']):.2f} s, "
                     f"per profile p50 {per['p50_ms']:.1f} ms, p99 {per['p99_ms']:.1f} ms", "",
                     "<= 2 s for 100 at 100k",
                     verdict(search["matching_seconds"] <= 2) + ("" if at_100k else f" (at {records})")))

    if parse_json and os.path.exists(parse_json):
        rows += parsing_rows(parse_json)

    http = {}
    for connections in (1, 2):
        p50, p99 = wrk_ms(env.get(f"http_c{connections}_p50")), wrk_ms(env.get(f"http_c{connections}_p99"))
        if p50 is None:
            continue
        raw_p50 = float(env[f"http_c{connections}_raw_p50_ms"])
        raw_p99 = float(env[f"http_c{connections}_raw_p99_ms"])
        http[connections] = {"p50_ms": p50, "p99_ms": p99, "raw_p50_ms": raw_p50, "raw_p99_ms": raw_p99,
                             "requests_per_s": float(env[f"http_c{connections}_rps"]),
                             "non_2xx": int(env.get(f"http_c{connections}_non2xx") or 0)}
        # Raw: each request timed alone, as the in-process figures are; wrk's
        # own percentiles add made-up samples for slow responses (coordinated
        # omission correction), so they are shown beside, not compared.
        rows.append((f"HTTP /api/search p50, {connections} conn (ms, raw)", f"{raw_p50:.3f}",
                     f"in-process {cs['p50_ms']:.3f}; wrk (CO-corrected) {p50:.3f}",
                     f"{raw_p50 / cs['p50_ms']:.2f}", "<= 1.5x in-process p50",
                     verdict(raw_p50 <= 1.5 * cs["p50_ms"])))
        rows.append((f"HTTP /api/search p99, {connections} conn (ms, raw)", f"{raw_p99:.3f}",
                     f"in-process {cs['p99_ms']:.3f}; wrk (CO-corrected) {p99:.3f}",
                     f"{raw_p99 / cs['p99_ms']:.2f}", "<= 25 ms at 100k",
                     verdict(raw_p99 <= 25) + ("" if at_100k else f" (at {records})")))
        rows.append((f"HTTP requests/s, {connections} conn", env[f"http_c{connections}_rps"],
                     f"non-2xx {http[connections]['non_2xx']}", "", "", ""))
    if "serve_peak_rss_kb" in env:
        rss = int(env["serve_peak_rss_kb"]) / 1024
        rows.append(("serve peak RSS (MB)", f"{rss:.0f}", "", "", "<= 200 MB at 1M", f"{verdict(rss <= 200)} (at {records})"))

    header = ("figure", "convoca", "reference", "ratio", "target (issue 8)", "verdict")
    lines = [f"Corpus {env['corpus']}: {records} records, {corpus_mb:.1f} MB; build {env['build_type']}; "
             f"{search['queries']} queries, seed {search['seed']}; host {platform.node()}", "",
             "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    table = "\n".join(lines) + "\n"
    print(table)
    with open(os.path.join(out, "results.md"), "w", encoding="utf-8") as md:
        md.write(table)
    results = {"measurements": env, "search": search, "http": http,
               "indexing": {"convoca_records_per_s": c_rps, "convoca_mb_per_s": c_mbps,
                            "scriptindex_records_per_s": s_rps, "scriptindex_mb_per_s": s_mbps, "ratio": ratio},
               "rows": [dict(zip(header, row)) for row in rows]}
    with open(os.path.join(out, "results.json"), "w", encoding="utf-8") as js:
        json.dump(results, js, indent=2)


if __name__ == "__main__":
    main()
