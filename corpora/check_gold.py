#!/usr/bin/env python3
"""Validate a gold-annotated JSONL corpus (see corpora/README.md).

Checks, per document: required keys and types; unique ids; spans have
0 <= start < end <= len(utf8(text)); both offsets fall on UTF-8 character
boundaries; spans are sorted and non-overlapping; labels are valid; no span
starts or ends with whitespace.  Prints counts per label and per kind.

Usage: python3 corpora/check_gold.py FILE.jsonl [FILE.jsonl ...]
       (use '-' for stdin).  Exit status 1 if any error is found.
Standard library only.
"""

from __future__ import annotations

import json
import sys
from collections import Counter

LABELS = (
    "NAME", "ADDRESS", "LOCATION", "ZIP", "DATE", "AGE", "PHONE", "FAX",
    "EMAIL", "SSN", "MRN", "HEALTH_PLAN", "ACCOUNT", "LICENSE", "VEHICLE",
    "DEVICE", "URL", "IP", "BIOMETRIC", "PHOTO", "ID", "ORGANIZATION",
)
MAX_ERRORS_SHOWN = 50


def is_cont(b: int) -> bool:
    return (b & 0xC0) == 0x80


def check_doc(doc, errors, where):
    if not isinstance(doc, dict):
        errors.append(f"{where}: not a JSON object")
        return None
    for key, typ in (("id", str), ("kind", str), ("text", str), ("spans", list)):
        if not isinstance(doc.get(key), typ):
            errors.append(f"{where}: missing or mistyped key {key!r}")
            return None
    where = f"{where} ({doc['id']})"
    raw = doc["text"].encode("utf-8")
    n = len(raw)
    prev_end = 0
    prev_start = -1
    for j, sp in enumerate(doc["spans"]):
        w = f"{where} span {j}"
        if not isinstance(sp, dict) or set(sp) - {"start", "end", "label"} or not {"start", "end", "label"} <= set(sp):
            errors.append(f"{w}: span must have exactly start, end, label")
            continue
        s, e, lab = sp["start"], sp["end"], sp["label"]
        if not (isinstance(s, int) and isinstance(e, int)) or isinstance(s, bool) or isinstance(e, bool):
            errors.append(f"{w}: non-integer offsets")
            continue
        if lab not in LABELS:
            errors.append(f"{w}: invalid label {lab!r}")
        if not (0 <= s < e <= n):
            errors.append(f"{w}: offsets out of range [{s},{e}) for text of {n} bytes")
            continue
        if is_cont(raw[s]) or (e < n and is_cont(raw[e])):
            errors.append(f"{w}: offsets [{s},{e}) not on UTF-8 character boundaries")
            continue
        if s < prev_start:
            errors.append(f"{w}: spans not sorted")
        elif s < prev_end:
            errors.append(f"{w}: overlaps previous span")
        prev_start, prev_end = s, max(prev_end, e)
        frag = raw[s:e].decode("utf-8")
        if frag != frag.strip():
            errors.append(f"{w}: span {frag!r} starts or ends with whitespace")
    return doc


def main(argv):
    paths = argv[1:] or ["-"]
    total_errors = 0
    for path in paths:
        errors: list[str] = []
        labels, kinds, ids = Counter(), Counter(), Counter()
        ndocs = nbytes = 0
        crlf = 0
        fh = sys.stdin if path == "-" else open(path, encoding="utf-8")
        with fh:
            for lineno, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    doc = json.loads(line)
                except json.JSONDecodeError as ex:
                    errors.append(f"{path}:{lineno}: invalid JSON: {ex}")
                    continue
                doc = check_doc(doc, errors, f"{path}:{lineno}")
                if doc is None:
                    continue
                ndocs += 1
                nbytes += len(doc["text"].encode("utf-8"))
                crlf += "\r\n" in doc["text"]
                ids[doc["id"]] += 1
                kinds[doc["kind"]] += 1
                for sp in doc["spans"]:
                    if isinstance(sp, dict) and "label" in sp:
                        labels[sp["label"]] += 1
        for i, c in ids.items():
            if c > 1:
                errors.append(f"{path}: duplicate id {i!r} ({c}x)")
        print(f"== {path}: {ndocs} docs, {nbytes} bytes (avg {nbytes // max(ndocs, 1)}), "
              f"{crlf} CRLF docs, {sum(labels.values())} spans")
        print("-- spans per label:")
        for lab in LABELS:
            print(f"   {lab:<13}{labels.get(lab, 0):>7}")
        for lab in sorted(set(labels) - set(LABELS)):
            print(f"   {lab:<13}{labels[lab]:>7}  (INVALID)")
        print("-- docs per kind:")
        for k, c in sorted(kinds.items()):
            print(f"   {k:<22}{c:>6}")
        for e in errors[:MAX_ERRORS_SHOWN]:
            print("ERROR:", e)
        if len(errors) > MAX_ERRORS_SHOWN:
            print(f"ERROR: ... and {len(errors) - MAX_ERRORS_SHOWN} more")
        print(f"-- {'OK' if not errors else f'{len(errors)} ERRORS'}")
        total_errors += len(errors)
    return 1 if total_errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
