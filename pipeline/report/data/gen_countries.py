#!/usr/bin/env python3
"""Regenerates pipeline/report/data/countries.tsv, the report's country table.

    python3 pipeline/report/data/gen_countries.py DSPL_COUNTRIES_CSV > pipeline/report/data/countries.tsv

Centroids: `samples/google/canonical/countries.csv` of the public GitHub
repository google/dspl, commit db79dad685276dbf98ca44b875d1481bc240c5c1
(BSD-3-Clause, Copyright 2018 Google Inc.): one latitude/longitude per ISO
3166-1 alpha-2 code. Alpha-2 codes become alpha-3 through data/kb/countries.tsv;
Kosovo (XK, no ISO code) becomes XKX, the code the EU and the World Bank use.
A country DSPL lacks (South Sudan) keeps the value already in the table
(7.3, 30.3: an approximate centroid).

Names: the display names the report already used (kept so that charts do not
change wording), else the knowledge base's display name.

`world` is 1 for the tiles of the world grid: the 193 UN member states plus
Kosovo, Taiwan, Palestine and Western Sahara; 0 for other territories that
only appear as context on regional maps (Puerto Rico).
"""

import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
# Rows of the table that are not UN members but are drawn on the world grid.
WORLD_EXTRA = {"XKX", "TWN", "PSE", "ESH"}
# Rows kept for regional context only.
CONTEXT_ONLY = {"PRI"}
# UN members the previous table lacked (small states), with the names used here.
ADDED = {
    "AND": "Andorra", "COM": "Comoros", "CPV": "Cabo Verde", "FSM": "Micronesia", "KIR": "Kiribati",
    "LIE": "Liechtenstein", "MCO": "Monaco", "MDV": "Maldives", "MHL": "Marshall Islands", "MUS": "Mauritius",
    "NRU": "Nauru", "PLW": "Palau", "SMR": "San Marino", "STP": "São Tomé and Príncipe", "SYC": "Seychelles",
    "TUV": "Tuvalu", "ESH": "Western Sahara", "XKX": "Kosovo",
}


def main() -> None:
    dspl = Path(sys.argv[1])
    alpha3 = {}
    with open(ROOT / "data/kb/countries.tsv", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or line.startswith("id\t"):
                continue
            cols = line.rstrip("\n").split("\t")
            alpha3[cols[1]] = cols[0]
    alpha3["XK"] = "XKX"
    centroid = {}
    with open(dspl, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["country"] in alpha3 and row["latitude"]:
                centroid[alpha3[row["country"]]] = (float(row["latitude"]), float(row["longitude"]))
    old = Path(__file__).with_name("countries.tsv")
    names, previous = {}, {}
    for line in old.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            cols = line.split("\t")
            names[cols[0]] = cols[1]
            previous[cols[0]] = (float(cols[2]), float(cols[3]))
    names.update({k: v for k, v in ADDED.items() if k not in names})
    print("# iso3\tname\tlat\tlon\tworld  (centroids from google/dspl countries.csv, commit db79dad, BSD-3-Clause;")
    print("# regenerate with gen_countries.py; world = 1: UN member or Kosovo/Taiwan/Palestine/Western Sahara)")
    for iso3 in sorted(names):
        # DSPL predates South Sudan (2011): its row keeps the table's earlier value.
        lat, lon = centroid.get(iso3) or previous[iso3]
        world = 0 if iso3 in CONTEXT_ONLY else 1
        print(f"{iso3}\t{names[iso3]}\t{lat:.2f}\t{lon:.2f}\t{world}")


if __name__ == "__main__":
    main()
