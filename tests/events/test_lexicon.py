"""The lexicon is data: every code is a CAMEO code, every root is covered, scores come from the codebook."""
from __future__ import annotations

import shutil

import pytest

from kg.errors import InputError
from kg.events.lexicon import ONTOLOGIES, load_lexicon, read_entries, Codebook
from kg.rdf.namespace import PLOVER_CLASSES, ROOT_RELATIONS


def test_every_cameo_root_has_verbs_or_nouns():
    lex = load_lexicon()
    roots = {e.root for e in lex.entries if e.family != "support"}
    assert roots == set(ROOT_RELATIONS)


def test_codes_resolve_to_codebook_scores_and_plover_types():
    lex = load_lexicon()
    for e in lex.entries:
        if e.family == "support":
            continue
        assert e.code in lex.codebook
        assert -10 <= lex.codebook.goldstein(e.code) <= 10
        assert lex.codebook.plover(e.code) in PLOVER_CLASSES, e


def test_lookups_by_family():
    lex = load_lexicon()
    assert lex.verb("condemn").code == "111"
    assert lex.codebook.name("111") == "Criticize or denounce"
    assert lex.phrasal[("crack", "down")].targets == ("on",)
    assert lex.idioms[("sound", "alarm")].root == "11"
    assert lex.is_support("impose") and not lex.is_support("condemn")
    assert lex.noun("talk").has("sym")
    assert lex.codebook.goldstein("163") == -8.0
    assert lex.codebook.plover("0841") == "RETREAT"


def test_bad_code_is_reported_with_its_line(tmp_path):
    bad = tmp_path / "triggers.tsv"
    bad.write_text("# header\nscold\tVERB\tverb\t999\tobj\t\n", encoding="utf-8")
    codebook = Codebook(ONTOLOGIES / "cameo-codes.csv", ONTOLOGIES / "cameo-to-plover.txt")
    with pytest.raises(InputError, match="triggers.tsv:2"):
        read_entries(bad, codebook)


def test_lexicon_folder_can_be_replaced(tmp_path):
    shutil.copytree(ONTOLOGIES / "lexicon", tmp_path / "lexicon")
    for name in ("cameo-codes.csv", "cameo-to-plover.txt"):
        shutil.copy(ONTOLOGIES / name, tmp_path / name)
    with open(tmp_path / "lexicon" / "triggers.tsv", "a", encoding="utf-8") as fh:
        fh.write("scold\tVERB\tverb\t111\tobj\t\n")
    lex = load_lexicon(str(tmp_path))
    assert lex.verb("scold").code == "111"
    assert load_lexicon().verb("scold") is None
