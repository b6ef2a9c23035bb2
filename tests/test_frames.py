"""kg.frames: the store as pandas DataFrames (events, actors, relations) and a Gephi-ready graph."""
from __future__ import annotations

import io

import networkx as nx
import pytest

from kg import frames
from kg.rdf.store import add_documents, open_store
from kg.rdf.triples import build_graph
from tests.rdf.conftest import doc1, doc2

pd = pytest.importorskip("pandas")


@pytest.fixture()
def store(tmp_path):
    store = open_store(tmp_path / "store")
    add_documents(store, [doc1(), doc2()])
    yield store
    store.close()


def test_events_frame_from_a_store_and_from_a_path_agree(store, tmp_path):
    df = frames.events(store)
    assert list(df.columns) == list(frames.EVENT_COLUMNS) and len(df) == 8
    assert pd.api.types.is_datetime64_any_dtype(df["date"])
    ttl = tmp_path / "g.ttl"
    build_graph([doc1(), doc2()]).serialize(ttl, format="turtle")
    pd.testing.assert_frame_equal(df, frames.events(str(ttl)))
    conflict = df[df["quad_class"] >= 3]
    assert set(conflict["target_name"]) == {"North Korea", "North Korean forces", "Ukraine"}
    assert df.groupby("source_country")["goldstein"].sum()["KOR"] == pytest.approx(-2.0 - 5.0 + 1.0)


def test_actors_frame_counts_events_per_side(store):
    df = frames.actors(store).set_index("name")
    assert df.loc["North Korea", "events_as_target"] == 4
    assert df.loc["North Korea", "country"] == "PRK"
    assert df.loc["Josep Borrell", ["type", "role"]].tolist() == ["Person", "High Representative"]
    assert df.loc["Cho Tae-yul", "country"] == "KOR"  # through ent:actsFor


def test_relations_leave_out_negated_events_and_sum_goldstein(store):
    df = frames.relations(store)
    assert "fights" not in set(df["relation"])  # "Russia did not attack Ukraine"
    row = df[(df.source_name == "South Korea") & (df.target_name == "North Korea")].iloc[0]
    assert (row["relation"], row["events"], row["goldstein_sum"]) == ("disapprovesOf", 1, -2.0)
    assert df["events"].sum() == 7


def test_gephi_graph_writes_graphml_and_gexf(store):
    G = frames.gephi_graph(store)
    assert G.number_of_edges() == 8
    for _, _, d in G.edges(data=True):
        assert None not in d.values()
    for _, d in G.nodes(data=True):
        assert None not in d.values()
    for write in (nx.write_graphml, nx.write_gexf):
        write(G, io.BytesIO())


def test_empty_graph_gives_empty_frames_with_columns():
    g = build_graph([])
    assert frames.events(g).empty and list(frames.actors(g).columns) == list(frames.ACTOR_COLUMNS)
    assert frames.relations(g).empty


def test_actor_codes_sectors_mentions_and_domestic_are_read_when_present():
    from rdflib import Literal, URIRef
    from rdflib.namespace import PROV

    from kg.rdf.namespace import ENT
    from tests.rdf.conftest import KOR

    g = build_graph([doc1(), doc2()])
    before = {r["event_id"]: r for r in frames.event_records(g)}
    assert all(r["source_code"] == "" for r in before.values())  # absent: empty, not None
    g.add((URIRef(KOR.id), ENT.actorCode, Literal("KOR")))
    g.add((URIRef(KOR.id), ENT.sector, Literal("GOV")))
    kor_event = next(r["event_id"] for r in before.values()
                     if r["source_name"] == "South Korea" and r["event_code"] == "111")
    g.add((URIRef(kor_event), PROV.wasDerivedFrom, URIRef("https://w3id.org/entente/id/mention/extra")))
    g.add((URIRef(kor_event), ENT.domestic, Literal(True)))
    after = {r["event_id"]: r for r in frames.event_records(g)}
    row = after[kor_event]
    assert (row["source_code"], row["source_sector"], row["mentions"], row["domestic"]) == (
        "KOR", "GOV", 2, True)
    assert frames.actors(g).set_index("name").loc["South Korea", "code"] == "KOR"
    others = [r for k, r in after.items() if k != kor_event]
    assert all(r["mentions"] == 1 for r in others)
