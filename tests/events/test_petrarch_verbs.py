"""The CAMEO verb dictionary of PETRARCH2: its conversion and its patterns on short texts."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from kg.events.cameo import read_cameo
from kg.events.lexicon import load_lexicon
from kg.eval import CodebookReport, codebook_examples, evaluate_codebook

ROOT = Path(__file__).resolve().parents[2]
LEXICON = ROOT / "ontologies" / "lexicon"


def test_shipped_tables_are_what_the_script_makes(tmp_path):
    subprocess.run([sys.executable, str(ROOT / "scripts" / "make_petrarch_verbs.py"), "--out", str(tmp_path)],
                   check=True, capture_output=True)
    for name in ("cameo-verbs.tsv", "cameo-synsets.tsv"):
        assert (tmp_path / name).read_text(encoding="utf-8") == (LEXICON / name).read_text(encoding="utf-8"), name


def test_script_fails_cleanly_on_a_missing_source(tmp_path):
    r = subprocess.run([sys.executable, str(ROOT / "scripts" / "make_petrarch_verbs.py"),
                        "--source", str(tmp_path / "nope.txt"), "--out", str(tmp_path)],
                       capture_output=True, text=True)
    assert r.returncode != 0 and "no such file" in r.stderr and "Traceback" not in r.stderr


def test_conversion_keeps_the_verb_of_origin_codes_and_exclusions():
    verbs = read_cameo(LEXICON)
    rows = verbs.rows
    assert rows[("impose", "curfew", "", "")].code == "1723"
    assert rows[("impose", "tax", "", "")].code == "---"          # null-coded: an exclusion
    assert rows[("rush", "", "to", "")].passive == "043"           # [042:043]: active and passive
    # "- * AID [070] # RUSH" was written for RUSH: not applied to the other verbs of its block
    assert ("rush", "aid", "", "") in rows and ("hasten", "aid", "", "") not in rows
    assert "missile" in verbs.synsets["&weapon"]                   # synonym sets kept as sets
    assert ("reimpose", "sanction", "", "") in rows                # a re-verb takes its base's rows


def test_hand_written_rows_override_the_dictionary():
    lex = load_lexicon()
    assert lex.verb("condemn").code == "111"
    assert lex.cameo is not None and "condemn" in lex.cameo.verbs


def test_verb_with_object_pattern(triples):
    assert ("Q30", "16", "Q717") in triples("The United States reimposed oil sanctions on Venezuela.")
    assert ("Q43", "17", "Q858") in triples("Turkey imposed a curfew on Syria.")


def test_passive_voice_and_exclusion(run):
    assert {e.cameo for e in run("Turkey imposed a curfew on Syria.")} == {"1723"}
    assert not [e for e in run("Germany imposed taxes on France.") if e.cameo.startswith("17")]


def test_codebook_development_set_scores_its_examples():
    examples = codebook_examples()
    assert len(examples) > 250 and all("\ufffd" not in e.text for e in examples)
    report = evaluate_codebook()
    assert isinstance(report, CodebookReport) and len(report.examples) == len(examples)
    assert 0.0 < report.exact_rate <= report.root_rate <= 1.0
    assert report.as_dict()["root_hits"] == sum(e.root_hit for e in report.examples)


def test_cameo_pattern_names_the_exact_code_within_the_hand_written_root(run):
    assert {e.cameo for e in run("Romania asked Germany for a meeting.")} == {"020"}  # hand-written
    # "- * (FOR &INVESTIGATION) [0214] # ASK": the same root, the exact code
    assert {e.cameo for e in run("Romania asked Germany for an investigation.")} == {"0214"}


def test_eval_needs_a_gold_file_or_codebook():
    r = subprocess.run([sys.executable, "-m", "kg.cli", "eval"], capture_output=True, text=True, cwd=ROOT)
    assert r.returncode != 0 and "--codebook" in r.stderr and "Traceback" not in r.stderr
