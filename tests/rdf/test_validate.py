"""SHACL validation: built graphs conform; broken ones report clear violations."""
from __future__ import annotations

from rdflib import Literal, URIRef
from rdflib.namespace import PROV, RDFS
import rdflib.namespace as rns

from kg.cli import main
from kg.rdf.namespace import ENT
from kg.rdf.store import add_documents, open_store
from kg.rdf.triples import build_graph
from kg.rdf.validate import validate

from .conftest import KOR, doc1


def test_built_graph_conforms(pairs2):
    report = validate(build_graph(pairs2))
    assert report.conforms, report.text()
    assert report.triples > 100


def test_broken_graph_reports_clear_violations(pairs):
    g = build_graph(pairs)
    ev = URIRef(pairs[0][1][0].id)
    g.remove((ev, PROV.wasDerivedFrom, None))
    g.set((ev, ENT.confidence, Literal("1.7", datatype=rns.XSD.decimal)))
    g.set((ev, ENT.modality, ENT.Day))
    report = validate(g)
    assert not report.conforms
    by_path = {v.path: v for v in report.violations}
    assert set(by_path) == {"prov:wasDerivedFrom", "ent:confidence", "ent:modality"}
    assert all(v.focus == "id:" + ev.split("/id/")[1] for v in report.violations)
    assert "evidence" in by_path["prov:wasDerivedFrom"].message
    assert "[0, 1]" in by_path["ent:confidence"].message and by_path["ent:confidence"].value == "1.7"
    text = report.text()
    assert "3 violation(s)" in text and "ent:confidence" in text


def test_missing_label_is_only_a_warning(pairs):
    g = build_graph(pairs)
    g.remove((URIRef(KOR.id), RDFS.label, None))
    report = validate(g)
    assert report.conforms
    assert [w.path for w in report.warnings] == ["rdfs:label"]


def test_kg_validate_cli(tmp_path, pairs, capsys):
    good = tmp_path / "good.ttl"
    build_graph(pairs).serialize(good, format="turtle")
    assert main(["validate", str(good)]) == 0
    assert "conforms" in capsys.readouterr().out
    g = build_graph(pairs)
    g.remove((URIRef(pairs[0][1][0].id), ENT.source, None))
    bad = tmp_path / "bad.nt"
    g.serialize(bad, format="nt", encoding="utf-8")
    assert main(["validate", str(bad)]) == 6
    out, err = capsys.readouterr()
    assert "ent:source" in out and "exactly one source actor" in out
    assert err.strip().count("\n") == 0 and "violation" in err


def test_kg_validate_store(tmp_path, pairs):
    store = open_store(tmp_path / "store")
    add_documents(store, [doc1()])
    store.close()
    assert main(["validate", str(tmp_path / "store")]) == 0
    assert main(["validate", str(tmp_path / "nothing")]) == 5


def test_kg_validate_subprocess_exit_codes(tmp_path, pairs, run_kg):
    g = build_graph(pairs)
    ev = URIRef(pairs[0][1][0].id)
    g.set((ev, ENT.confidence, Literal("1.7", datatype=rns.XSD.decimal)))
    bad = tmp_path / "bad.ttl"
    g.serialize(bad, format="turtle")
    proc = run_kg("validate", bad)
    assert proc.returncode == 6
    assert "ent:confidence" in proc.stdout and "Traceback" not in proc.stderr
    assert proc.stderr.strip() == f"kg: error: {bad}: 1 SHACL violation(s)"


def test_targetless_event_warns_unless_nested_or_statement():
    from kg.model import Event
    from .conftest import PRK_FORCES, doc1, make_event
    doc, events = doc1()
    withdraw = make_event(doc.id, 5, "The North Korean forces withdraw.", PRK_FORCES, None, "190")
    report = validate(build_graph([(doc, events + [withdraw])]))
    assert report.conforms and [w.focus for w in report.warnings] == [
        "id:" + withdraw.id.split("/id/")[1]]
    demand = make_event(doc.id, 5, "They demanded a withdrawal.", KOR, PRK_FORCES, "1056",
                        target_event=withdraw.id)
    assert isinstance(demand, Event)
    report = validate(build_graph([(doc, events + [withdraw, demand])]))
    assert report.conforms and report.warnings == []
