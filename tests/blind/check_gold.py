#!/usr/bin/env python3
"""Validate a blind letter set (schema: SCHEMA.md beside this script; adapted from the
outside-letters validator): every NN-slug.gold.json against its letter.

Checks
  * schema: exact key sets, types and enumerated values;
  * pairing: each gold file names an existing letter (NN-slug.txt or .md) and
    every letter has a gold file; numbering is 01..NN without gaps;
  * verbatim: every string in officers[].mentions, not_officers,
    apology.non_apology_phrases, signatory, placeholders,
    ombudsman.outdated_details and ombudsman.body_named occurs in the letter;
  * officer coverage: every capitalised name token of each officer's mentions
    (honorifics and job-title words excluded; hyphen/apostrophe parts checked
    too) is found, case-insensitively and as a whole word, only inside an
    occurrence of one of that officer's listed mention forms;
  * consistency: an absent ombudsman has no body/contact/time limit; ids unique;
  * length: 350-1,000 words per letter (whitespace-separated tokens).

Usage: python3 check_gold.py [folder]     (exit status 0 = pass)
"""
import collections
import glob
import json
import os
import re
import sys

NATIONS = {"england", "scotland", "wales", "ni"}
SECTORS = {"council", "nhs", "housing", "financial", "energy", "communications",
           "water", "legal", "pensions", "property", "social_care", "other"}
KINDS = {"decision", "acknowledgement", "update", "not_letter"}
SENDERS = {"council", "council_landlord", "housing_association", "nihe", "nhs_trust",
           "gp_practice", "health_board", "hsc_trust", "care_provider", "bank", "insurer",
           "lender", "energy_supplier", "telecoms", "water_company", "solicitors",
           "pension_scheme", "letting_agent", "other"}
LANGUAGES = {"english", "welsh", "bilingual"}
OUTCOMES = {"upheld", "partly_upheld", "not_upheld", "none_stated"}
TOP_KEYS = {"file", "kind", "nation", "sector", "sender", "language", "outcome", "ombudsman",
            "fact_vs_standard", "apology", "reasons_given", "learning", "officers",
            "not_officers", "signatory", "placeholders"}
OMB_KEYS = {"required", "present", "correct_body", "body_named", "right_body",
            "contact_given", "time_limit_given", "outdated_details", "not_ombudsman"}
LEARN_KEYS = {"required", "present"}
FVS_KEYS = {"present", "notes"}
APO_KEYS = {"required", "present", "non_apology_phrases"}
OFF_KEYS = {"id", "mentions"}

# Honorifics and role words that may sit inside a mention but are not name tokens.
NOT_NAME = {
    "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame",
    "lord", "lady", "cllr", "councillor", "nurse", "sister", "staff", "charge",
    "officer", "our", "the", "rev", "revd", "pc", "dc", "sgt", "mp", "msp", "ms",
    "mla", "as", "bnr", "bns", "y", "yr", "athro", "from", "in", "of", "at",
    "team", "lettings", "billing", "customer", "resolutions", "repairs",
    "planner", "manager", "practice", "ward", "consultant", "associate",
}
TOKEN_RE = re.compile(r"[^\W\d_][\w'\-]*", re.UNICODE)
WORDS_MIN, WORDS_MAX = 350, 1000


def norm(s):
    """Same-length normalisation: curly apostrophes to straight."""
    return s.replace("\u2019", "'").replace("\u2018", "'")


def name_tokens(mention):
    out = set()
    for tok in TOKEN_RE.findall(norm(mention)):
        tok = tok.strip("'-")
        if not tok or not tok[0].isupper() or tok.lower() in NOT_NAME:
            continue
        out.add(tok)
        for part in re.split(r"['\-]", tok):
            if len(part) >= 2 and part[0].isupper() and part.lower() not in NOT_NAME:
                out.add(part)
    return out


def spans(text, needle, flags=0):
    pat = re.compile(r"(?<!\w)" + re.escape(needle) + r"(?!\w)", flags)
    return [(m.start(), m.end()) for m in pat.finditer(text)]


def exact_spans(text, needle):
    out, i = [], text.find(needle)
    while i != -1:
        out.append((i, i + len(needle)))
        i = text.find(needle, i + 1)
    return out


def check_one(folder, gpath, errors, warns):
    gname = os.path.basename(gpath)
    try:
        with open(gpath, encoding="utf-8") as fh:
            g = json.load(fh)
    except Exception as exc:  # noqa: BLE001
        errors.append(f"{gname}: cannot parse JSON: {exc}")
        return None
    err = lambda m: errors.append(f"{gname}: {m}")  # noqa: E731
    if set(g) != TOP_KEYS:
        err(f"top-level keys {sorted(set(g) ^ TOP_KEYS)} differ from schema")
        return None
    stem = gname[: -len(".gold.json")]
    if g["file"] not in (stem + ".txt", stem + ".md"):
        err(f"file {g['file']!r} does not match gold file name")
    lpath = os.path.join(folder, g["file"])
    if not os.path.exists(lpath):
        err(f"letter {g['file']} missing")
        return None
    with open(lpath, encoding="utf-8") as fh:
        raw = fh.read()
    text = norm(raw)
    nwords = len(raw.split())
    if g.get("kind") != "not_letter" and not WORDS_MIN <= nwords <= WORDS_MAX:
        err(f"letter has {nwords} words (want {WORDS_MIN}-{WORDS_MAX})")
    if g["nation"] not in NATIONS:
        err(f"nation {g['nation']!r}")
    if g["sector"] not in SECTORS:
        err(f"sector {g['sector']!r}")
    if g["outcome"] not in OUTCOMES:
        err(f"outcome {g['outcome']!r}")
    if g["kind"] not in KINDS:
        err(f"kind {g['kind']!r}")
    if g["sender"] not in SENDERS:
        err(f"sender {g['sender']!r}")
    if g["language"] not in LANGUAGES:
        err(f"language {g['language']!r}")
    if not isinstance(g["reasons_given"], bool):
        err("reasons_given not bool")
    lr = g["learning"]
    if not isinstance(lr, dict) or set(lr) != LEARN_KEYS or not all(isinstance(lr[k], bool) for k in LEARN_KEYS):
        err("learning malformed")

    def verbatim(label, s):
        if not isinstance(s, str) or not s:
            err(f"{label}: not a non-empty string: {s!r}")
        elif norm(s) not in text:
            err(f"{label}: {s!r} not found verbatim in {g['file']}")

    o = g["ombudsman"]
    if not isinstance(o, dict) or set(o) != OMB_KEYS:
        err("ombudsman keys differ from schema")
    else:
        if o["required"] is not (g["kind"] == "decision"):
            err("ombudsman.required must be true exactly for a decision")
        for s_ in o["not_ombudsman"]:
            verbatim("ombudsman.not_ombudsman", s_)
        for k in ("present", "contact_given", "time_limit_given"):
            if not isinstance(o[k], bool):
                err(f"ombudsman.{k} not bool")
        if o["correct_body"] not in (True, False, None):
            err("ombudsman.correct_body not bool|null")
        if not isinstance(o["right_body"], str) or not o["right_body"]:
            err("ombudsman.right_body empty")
        if not isinstance(o["outdated_details"], list):
            err("ombudsman.outdated_details not a list")
        else:
            for s in o["outdated_details"]:
                verbatim("ombudsman.outdated_details", s)
        if o["present"]:
            verbatim("ombudsman.body_named", o["body_named"])
        else:
            if o["body_named"] is not None or o["correct_body"] is not None:
                err("absent ombudsman must have body_named and correct_body null")
            if o["contact_given"] or o["time_limit_given"]:
                err("absent ombudsman cannot have contact/time limit")

    f = g["fact_vs_standard"]
    if not isinstance(f, dict) or set(f) != FVS_KEYS or not isinstance(f["present"], bool) \
            or not isinstance(f["notes"], str) or not f["notes"].strip():
        err("fact_vs_standard malformed")

    a = g["apology"]
    if not isinstance(a, dict) or set(a) != APO_KEYS:
        err("apology keys differ from schema")
    else:
        if not isinstance(a["required"], bool) or not isinstance(a["present"], bool):
            err("apology.required/present not bool")
        for s in a["non_apology_phrases"]:
            verbatim("apology.non_apology_phrases", s)
        if g["outcome"] in ("upheld", "partly_upheld") and not a["required"]:
            warns.append(f"{gname}: outcome {g['outcome']} but apology.required false")

    ids = set()
    if not isinstance(g["officers"], list):
        err("officers not a list")
    else:
        for off in g["officers"]:
            if not isinstance(off, dict) or set(off) != OFF_KEYS:
                err(f"officer entry malformed: {off!r}")
                continue
            if off["id"] in ids:
                err(f"duplicate officer id {off['id']!r}")
            ids.add(off["id"])
            if not off["mentions"]:
                err(f"officer {off['id']} has no mentions")
            allowed = []
            for m in off["mentions"]:
                verbatim(f"officer {off['id']} mention", m)
                allowed += exact_spans(text, norm(m))
            toks = set()
            for m in off["mentions"]:
                toks |= name_tokens(m)
            if not toks:
                err(f"officer {off['id']}: no name token in mentions")
            for tok in sorted(toks):
                for s, e in spans(text, tok, re.IGNORECASE):
                    if not any(a0 <= s and e <= a1 for a0, a1 in allowed):
                        ctx = text[max(0, s - 30): e + 30].replace("\n", " ")
                        err(f"officer {off['id']}: token {tok!r} at {s} not inside a "
                            f"listed mention: ...{ctx}...")
    for s in g["not_officers"]:
        verbatim("not_officers", s)
    if g["signatory"] is not None:
        verbatim("signatory", g["signatory"])
    for s in g["placeholders"]:
        verbatim("placeholders", s)
    return g


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    errors, warns = [], []
    golds = sorted(glob.glob(os.path.join(folder, "[0-9][0-9]-*.gold.json")))
    letters = sorted(p for p in glob.glob(os.path.join(folder, "[0-9][0-9]-*.*"))
                     if not p.endswith(".gold.json"))
    pat = re.compile(r"^\d{2}-[a-z0-9]+(-[a-z0-9]+)*\.(txt|md)$")
    for p in letters:
        b = os.path.basename(p)
        if not pat.match(b):
            errors.append(f"{b}: letter name does not match NN-slug.(txt|md)")
        gp = os.path.join(folder, b.rsplit(".", 1)[0] + ".gold.json")
        if not os.path.exists(gp):
            errors.append(f"{b}: no gold file")
    nums = sorted(int(os.path.basename(p)[:2]) for p in letters)
    if nums != list(range(1, len(nums) + 1)):
        errors.append(f"letter numbering not contiguous from 01: {nums}")
    done = [g for g in (check_one(folder, p, errors, warns) for p in golds) if g]
    count = lambda key: collections.Counter(g[key] for g in done)  # noqa: E731
    print(f"{len(letters)} letters, {len(golds)} gold files")
    for key in ("nation", "sector", "outcome"):
        print(f"  {key}: {dict(sorted(count(key).items()))}")
    print("  ombudsman present/correct/contact/time: "
          f"{sum(g['ombudsman']['present'] for g in done)}/"
          f"{sum(g['ombudsman']['correct_body'] is True for g in done)}/"
          f"{sum(g['ombudsman']['contact_given'] for g in done)}/"
          f"{sum(g['ombudsman']['time_limit_given'] for g in done)}")
    print(f"  letters with named officers: {sum(bool(g['officers']) for g in done)}; "
          f"officers: {sum(len(g['officers']) for g in done)}")
    for w in warns:
        print("WARN", w)
    for e in errors:
        print("FAIL", e)
    print("PASS" if not errors else f"{len(errors)} problem(s)")
    return 0 if not errors else 1


if __name__ == "__main__":
    sys.exit(main())
