"""Build communique's ontology data files from the public reference tables.

Usage: python scripts/build_ontology_data.py [REFERENCE_DIR] [OUTPUT_DIR]
(defaults: ../shared/ontology and src/communique/data).

The files written here are committed; the package reads only them. Rerun this script when the reference
tables change, and review the diff. Every choice that departs from a reference table is listed in
OVERRIDES / MODE_RENAMES below and repeated in the header of the file it affects.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path

import yaml

# The 16 types of the current manual, in its order: the module the data file serves defines them.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from communique.ontology import PLOVER_TYPES  # noqa: E402

QUAD_NAMES = {
    "verbal cooperation": 1,
    "material cooperation": 2,
    "verbal conflict": 3,
    "material conflict": 4,
}

# Crosswalk modes that the current manual no longer lists for that type, renamed to the current mode
# that covers them (None: no current mode fits, the mode is left empty).
MODE_RENAMES = {
    ("THREATEN", "ban"): "restrict",  # manual: restrict includes "the banning of political activities"
    ("THREATEN", "political"): "restrict",
    ("COERCE", "ban"): "restrict",  # manual: restrict includes "banning ... from political life"
    ("ASSAULT", "seize"): "destroy",  # 1712 Destroy property
    ("ASSAULT", "assassinate"): "targeted",
    ("ASSAULT", "massacre"): "targeted",  # "deliberate mass killings of defenseless actors"
}

# Codes whose type or mode we set against the 2021 crosswalk, with the reason.
OVERRIDES = {
    "163": ("SANCTION", "discontinue", "current manual: SANCTION covers imposing sanctions ('discontinue')"),
    "112": (
        "ACCUSE",
        "allege",
        "crosswalk says 'disapprove'; the manual's 'allege' is 'formally or informally accuse'",
    ),
    "105": (
        "REQUEST",
        "yield",
        "crosswalk says 'change', its sub-codes 1051-1056 and the manual say 'yield'",
    ),
    "085": (
        "CONCEDE",
        None,
        "crosswalk says RETREAT 'ease'; easing sanctions is a concession, not one of the manual's RETREAT modes"
        " (withdraw, release, disarm, ceasefire, access, resign)",
    ),
}

# CAMEO region codes (CAMEO.country lookup rows that name a region rather than a country or place).
REGION_CODES = [
    "AFR",
    "ASA",
    "BLK",
    "CRB",
    "CAU",
    "CFR",
    "CAS",
    "CEU",
    "EIN",
    "EAF",
    "EEU",
    "EUR",
    "LAM",
    "MEA",
    "MDT",
    "NAF",
    "NMR",
    "PGS",
    "SCN",
    "SAM",
    "SAS",
    "SEA",
    "SAF",
    "WAF",
    "WST",
]


def read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def read_crosswalk(path: Path) -> dict[str, tuple[str, str | None]]:
    """CAMEO code -> (PLOVER type, mode or None) from CAMEO2PLOVER-2021.txt (first entry wins)."""
    mapping: dict[str, tuple[str, str | None]] = {}
    pattern = re.compile(r"^(\d{3,4}):\s*([A-Z]+)\s*,([^,#]*)")
    for line in path.read_text(encoding="utf-8").splitlines():
        m = pattern.match(line)
        if m and m.group(1) not in mapping:
            mode = m.group(3).strip() or None
            mapping[m.group(1)] = (m.group(2), mode)
    return mapping


def current_modes(summary: dict) -> dict[str, set[str]]:
    return {t: set(info["modes"]) for t, info in summary["event_types"].items()}


def plover_of(code: str, crosswalk, modes_by_type, log) -> tuple[str | None, str | None]:
    root = code[:2]
    if root == "01":
        return None, None  # statements: dropped by PLOVER
    if root == "02":
        # APPEAL: the current manual's REQUEST is "all requests, demands, and orders"; CAMEO's 02 and 10
        # branches are parallel (021 ~ 101, ..., 028 ~ 108), so an appeal takes the mode of its demand twin.
        twin = "10" + code[2:]
        _, mode = plover_of(twin, crosswalk, modes_by_type, log)
        return "REQUEST", mode
    if code in OVERRIDES:
        return OVERRIDES[code][:2]
    key = code if len(code) > 2 else code + "0"
    if key not in crosswalk:
        raise SystemExit(f"no crosswalk entry for CAMEO {code}")
    ptype, mode = crosswalk[key]
    if ptype not in PLOVER_TYPES:
        raise SystemExit(f"CAMEO {code}: unknown PLOVER type {ptype}")
    if mode and mode not in modes_by_type[ptype]:
        new = MODE_RENAMES.get((ptype, mode))
        log.append(f"{code}: {ptype} mode {mode!r} -> {new!r}")
        mode = new
    return ptype, mode


def goldstein(value: str) -> str:
    number = float(value)
    return f"{number:g}"


def build_cameo(ref: Path, out: Path) -> None:
    events = read_tsv(ref / "cameo_event_codes.tsv")
    crosswalk = read_crosswalk(ref / "CAMEO2PLOVER-2021.txt")
    summary = json.loads((ref / "plover_ontology_summary.json").read_text(encoding="utf-8"))
    modes_by_type = current_modes(summary)
    log: list[str] = []
    lines = [
        "# CAMEO event codes for communique: code, name, Goldstein value, QuadClass, PLOVER type and mode.",
        "#",
        "# Sources:",
        "#   code, name, goldstein: CAMEO manual 1.1b3 (Gerner, Schrodt, Yilmaz; public codebook), as tabulated",
        "#     in andybega/icews data-raw/cameo-codes.csv (MIT licence).",
        "#   quad_class: as GDELT computes it from the root: 01-05 -> 1 verbal cooperation,",
        "#     06-09 -> 2 material cooperation, 10-14 -> 3 verbal conflict, 15-20 -> 4 material conflict.",
        "#   plover, plover_mode: openeventdata/PLOVER CAMEO2PLOVER-2021.txt (P. Schrodt, 2021-09-17) and the",
        "#     PLOVER manual (2024-02-04), both CC BY-SA 4.0; these two columns are shared under CC BY-SA 4.0.",
        "# Departures from the 2021 crosswalk, following the current manual:",
        "#   01x (statements): no PLOVER type (empty), as the crosswalk drops them.",
        "#   02x (APPEAL): REQUEST, which the manual defines as all requests, demands and orders; the mode is",
        "#     that of the parallel 10x demand code (021 ~ 101 ... 028 ~ 108).",
    ]
    for code, (ptype, mode, why) in sorted(OVERRIDES.items()):
        lines.append(f"#   {code}: {ptype} {mode} ({why}).")
    renames = ", ".join(f"{t} {old}->{new}" for (t, old), new in MODE_RENAMES.items())
    lines.append(f"#   modes the manual no longer has are renamed ({renames}) or left empty.")
    lines.append("#   2-digit root codes take the type and mode of their x0 code (04 -> as 040).")
    lines.append("# Generated by scripts/build_ontology_data.py; edit that script, not this file.")
    lines.append("code\tname\tgoldstein\tquad_class\tplover\tplover_mode")
    for row in events:
        code = row["code"]
        root = int(code[:2])
        quad = 1 if root <= 5 else 2 if root <= 9 else 3 if root <= 14 else 4
        ptype, mode = plover_of(code, crosswalk, modes_by_type, log)
        name = " ".join(row["name"].split())
        lines.append(f"{code}\t{name}\t{goldstein(row['goldstein'])}\t{quad}\t{ptype or ''}\t{mode or ''}")
    (out / "cameo_codes.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for entry in log:
        print("mode:", entry, file=sys.stderr)


def build_plover(ref: Path, out: Path) -> None:
    summary = json.loads((ref / "plover_ontology_summary.json").read_text(encoding="utf-8"))
    scores = summary["plover_scores"]
    types = {}
    for name in PLOVER_TYPES:
        info = summary["event_types"][name]
        base = float(scores[name])
        if name == "ACCUSE" and base > 0:
            base = -base  # the manual's table prints +3; every ACCUSE mode scores -2 to -3.5
        modes = {}
        for mode, description in info["modes"].items():
            score = scores.get(f"{name}: {mode.capitalize()}")
            modes[mode] = {"description": " ".join(description.split()), "score": score}
        types[name] = {
            "quad_class": QUAD_NAMES[info["quad"].lower()],
            "requires_recipient": info["requires_recipient"].lower() == "yes",
            "score": base,
            "modes": modes,
        }
    header = [
        "# PLOVER event types for communique: QuadClass, whether a recipient (target) is required, the",
        "# PLOVER score, and the modes with their descriptions and scores.",
        "# Source: PLOVER manual (openeventdata/PLOVER PLOVER_MANUAL.tex, 2024-02-04), CC BY-SA 4.0;",
        "# this file is a derivative work shared under CC BY-SA 4.0.",
        "# The manual's score table prints ACCUSE as +3, a sign slip (all ACCUSE modes score -2 to -3.5): -3 here.",
        "# Generated by scripts/build_ontology_data.py; edit that script, not this file.",
    ]
    body = yaml.safe_dump({"types": types}, sort_keys=False, allow_unicode=True, width=110)
    (out / "plover.yaml").write_text("\n".join(header) + "\n" + body, encoding="utf-8")


def build_actor_codes(ref: Path, out: Path) -> None:
    sectors = read_tsv(ref / "cameo_actor_type_codes.tsv")
    lines = [
        "# CAMEO actor type (sector) codes for communique, with labels and groups.",
        "# Source: CAMEO codebook actor types as in the GDELT CAMEO.type lookup, plus the CAMEO religion codes",
        "# and the manual's PTY (political party); facts, no licence claimed.",
        "# Generated by scripts/build_ontology_data.py; edit that script, not this file.",
        "code\tlabel\tgroup",
    ]
    for row in sectors:
        if row["code"] == "PPL":  # of unclear meaning in the source; not a code we emit
            continue
        label = re.sub(r"\s*\(.*\)\s*$", "", row["label"]).strip()
        group = "religion" if "religion code" in row["label"] else row["group"]
        if row["code"] == "PTY":
            group = "domestic-nonstate"
        lines.append(f"{row['code']}\t{label}\t{group}")
    (out / "cameo_sectors.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")

    labels = {r["code"]: r["label"] for r in read_tsv(ref / "cameo_country_and_region_codes.tsv")}
    lines = [
        "# CAMEO region codes for communique (actors and places that stand for a region, not a country).",
        "# Source: CAMEO country and region codes as in the GDELT CAMEO.country lookup; facts, no licence claimed.",
        "# Countries are ISO 3166-1 alpha-3 and come from pycountry, not from this file.",
        "# Generated by scripts/build_ontology_data.py; edit that script, not this file.",
        "code\tlabel",
    ]
    lines += [f"{code}\t{labels[code]}" for code in REGION_CODES]
    (out / "cameo_regions.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str]) -> None:
    root = Path(__file__).resolve().parent.parent
    ref = Path(argv[1]) if len(argv) > 1 else root.parent / "shared" / "ontology"
    out = Path(argv[2]) if len(argv) > 2 else root / "src" / "communique" / "data"
    out.mkdir(parents=True, exist_ok=True)
    build_cameo(ref, out)
    build_plover(ref, out)
    build_actor_codes(ref, out)


if __name__ == "__main__":
    main(sys.argv)
