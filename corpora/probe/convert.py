#!/usr/bin/env python3
"""Convert inline-markup documents into JSONL with UTF-8 byte-offset spans.

Markup: {{LABEL|text}}  (no newline, no nesting, no leading/trailing whitespace)

Usage:
    python3 convert.py [INPUT_DIR_OR_FILES ...] [-o OUTPUT.jsonl]

Defaults: input directory ./rep next to this script, output ./rep.jsonl.
Each output line: {"id": str, "text": str, "spans": [{"start", "end", "label"}]}
start/end are UTF-8 byte offsets into text, end exclusive.
The id is the file name without extension. One trailing newline of the
file is dropped from text.
"""
import json
import os
import re
import sys

LABELS = {
    "NAME", "LOCATION", "ORGANIZATION", "ADDRESS", "ZIP", "DATE", "AGE",
    "PHONE", "FAX", "EMAIL", "SSN", "MRN", "HEALTH_PLAN", "ACCOUNT",
    "LICENSE", "VEHICLE", "DEVICE", "URL", "IP", "BIOMETRIC", "PHOTO", "ID",
}

MARK = re.compile(r"\{\{([A-Za-z_]+)\|([^{}|\n]*)\}\}")


class MarkupError(Exception):
    pass


def convert(markup, doc_id):
    if markup.endswith("\n"):
        markup = markup[:-1]
    pieces = []
    spans = []
    nbytes = 0
    pos = 0

    def plain(chunk, where):
        if "{{" in chunk or "}}" in chunk:
            raise MarkupError("%s: stray or malformed markup near char %d: %r"
                              % (doc_id, where, chunk[max(0, chunk.find("{{")):][:60]))

    for m in MARK.finditer(markup):
        pre = markup[pos:m.start()]
        plain(pre, pos)
        pieces.append(pre)
        nbytes += len(pre.encode("utf-8"))
        label, value = m.group(1), m.group(2)
        if label not in LABELS:
            raise MarkupError("%s: unknown label %r at char %d" % (doc_id, label, m.start()))
        if not value:
            raise MarkupError("%s: empty annotation at char %d" % (doc_id, m.start()))
        if value != value.strip():
            raise MarkupError("%s: annotation %r has leading/trailing whitespace" % (doc_id, value))
        b = len(value.encode("utf-8"))
        spans.append({"start": nbytes, "end": nbytes + b, "label": label})
        pieces.append(value)
        nbytes += b
        pos = m.end()
    tail = markup[pos:]
    plain(tail, pos)
    pieces.append(tail)
    text = "".join(pieces)
    return {"id": doc_id, "text": text, "spans": spans}


def verify(rec, expected_values):
    raw = rec["text"].encode("utf-8")
    prev_end = -1
    for sp, val in zip(rec["spans"], expected_values):
        if not (0 <= sp["start"] < sp["end"] <= len(raw)):
            raise MarkupError("%s: span out of range %r" % (rec["id"], sp))
        if sp["start"] < prev_end:
            raise MarkupError("%s: spans unsorted or overlapping at %r" % (rec["id"], sp))
        prev_end = sp["end"]
        got = raw[sp["start"]:sp["end"]].decode("utf-8")
        if got != val:
            raise MarkupError("%s: span text %r != annotated %r" % (rec["id"], got, val))


def main(argv):
    here = os.path.dirname(os.path.abspath(__file__))
    out = os.path.join(here, "rep.jsonl")
    inputs = []
    args = list(argv)
    while args:
        a = args.pop(0)
        if a == "-o":
            out = args.pop(0)
        else:
            inputs.append(a)
    if not inputs:
        inputs = [os.path.join(here, "rep")]
    files = []
    for p in inputs:
        if os.path.isdir(p):
            files.extend(os.path.join(p, f) for f in sorted(os.listdir(p)) if f.endswith(".txt"))
        else:
            files.append(p)
    records = []
    errors = 0
    for f in files:
        doc_id = os.path.splitext(os.path.basename(f))[0]
        with open(f, encoding="utf-8") as fh:
            markup = fh.read()
        try:
            rec = convert(markup, doc_id)
            vals = [m.group(2) for m in MARK.finditer(markup)]
            verify(rec, vals)
        except MarkupError as e:
            print("ERROR", e, file=sys.stderr)
            errors += 1
            continue
        records.append(rec)
    if errors:
        print("%d file(s) failed; nothing written" % errors, file=sys.stderr)
        return 1
    with open(out, "w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print("wrote %d documents to %s" % (len(records), out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
