#!/usr/bin/env python3
"""Converts convoca records (JSON lines) to Xapian scriptindex input.

Usage: jsonl_to_scriptindex.py IN.jsonl OUT.txt

One block of "field=value" lines per record, blocks separated by a blank line;
a value's further lines are written as "=line" (scriptindex's continuation).
Fields: id, title, summary, text, source, programme_code, call_id, topic_id,
keyword (one line each), opening and deadline (the last one), as omega.script
expects them.
"""
import json
import sys

SCALAR_FIELDS = ("id", "title", "summary", "text", "source", "programme_code", "call_id", "topic_id", "opening")


def field_lines(name, value):
    lines = str(value).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    yield f"{name}={lines[0]}"
    for line in lines[1:]:
        yield f"={line}"


def record_block(record):
    out = []
    for name in SCALAR_FIELDS:
        if record.get(name):
            out.extend(field_lines(name, record[name]))
    for keyword in record.get("keywords") or []:
        out.extend(field_lines("keyword", keyword))
    deadlines = record.get("deadlines") or []
    if deadlines:
        out.extend(field_lines("deadline", deadlines[-1]))
    return "\n".join(out) + "\n\n"


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: jsonl_to_scriptindex.py IN.jsonl OUT.txt")
    with open(sys.argv[1], encoding="utf-8") as source, open(sys.argv[2], "w", encoding="utf-8") as target:
        for line in source:
            if line.strip():
                target.write(record_block(json.loads(line)))


if __name__ == "__main__":
    main()
