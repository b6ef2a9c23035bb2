"""A small hand-made alliance scenario as kg.model records, RDF and a Turtle file.

The scenario (modelled on the seed article, plus a later sanction and one
negated event) is written through ``kg.rdf.triples.build_graph`` so the
projection is tested on the real RDF shape. ``ROWS`` keeps the same facts as
plain tuples so tests can compute expected answers without kg.graph.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.ids import event_iri
from kg.model import ActorRef, Document, Event
from kg.rdf.namespace import relation_for


def _state(label: str, qid: str, iso3: str | None = None, type_: str = "State") -> ActorRef:
    return ActorRef.create(type_, label, wikidata=qid, iso3=iso3, country=qid)


KOR = _state("South Korea", "Q884", "KOR")
PRK = _state("North Korea", "Q423", "PRK")
RUS = _state("Russia", "Q159", "RUS")
UKR = _state("Ukraine", "Q212", "UKR")
EU = _state("European Union", "Q458", type_="Organization")
USA = _state("United States", "Q30", "USA")
BORRELL = ActorRef.create("Person", "Josep Borrell", country="Q458", role="High Representative")
CHO = ActorRef.create("Person", "Cho Tae-yul", country="Q884", role="Foreign Minister")
KIM = ActorRef.create("Person", "Kim Yong-hyun", country="Q884", role="Defense Minister")
CHOE = ActorRef.create("Person", "Choe Son Hui", country="Q423", role="Foreign Minister")
PRK_FORCES = ActorRef.create("ArmedForce", "North Korean forces", country="Q423", role="troops")

#: polity label of each actor label (the roll-up the projection must do).
POLITY = {a.label: a.label for a in (KOR, PRK, RUS, UKR, EU, USA)}
POLITY.update({"Josep Borrell": "European Union", "Cho Tae-yul": "South Korea",
               "Kim Yong-hyun": "South Korea", "Choe Son Hui": "North Korea",
               "North Korean forces": "North Korea"})

# (doc, source, target, cameo, goldstein, event date or None, sentence, modality, negated)
EVENTS = [
    ("d1", KOR, PRK, "111", -2.0, None, "South Korea and the EU condemned North Korea.", "asserted", False),
    ("d1", EU, PRK, "111", -2.0, None, "South Korea and the EU condemned North Korea.", "asserted", False),
    ("d1", RUS, UKR, "190", -10.0, None, "Russia wages war against Ukraine.", "asserted", False),
    ("d1", BORRELL, CHO, "040", 1.0, None, "Borrell and Cho held a Strategic Dialogue.", "asserted", False),
    ("d1", PRK, RUS, "070", 7.0, None, "North Korea is aiding Russia.", "asserted", False),
    ("d1", BORRELL, UKR, "051", 3.4, None, "We are united in our support to Ukraine.", "asserted", False),
    ("d1", KOR, UKR, "070", 7.0, None, "South Korea has provided non-lethal aid to Ukraine.", "asserted", False),
    ("d1", PRK_FORCES, UKR, "190", -10.0, None, "North Korean troops will enter the fight against Ukraine.",
     "expected", False),
    ("d1", CHOE, RUS, "051", 3.4, "2024-11-01", "Choe said her country would back Russia.", "asserted", False),
    ("d1", CHO, KIM, "040", 1.0, None, "Cho met Kim Yong-hyun.", "asserted", False),
    ("d1", RUS, EU, "057", 8.0, None, "Russia did not sign an agreement with the EU.", "asserted", True),
    ("d2", USA, PRK, "163", -8.0, "2025-01-15", "The United States imposed sanctions on North Korea.",
     "asserted", False),
]
DOCS = {"d1": Document("d1", "(seed-like)", date="2024-11-04", title="Seed-like"),
        "d2": Document("d2", "(later)", date="2025-01-16", title="Later")}


def events() -> list[tuple[Document, list[Event]]]:
    """The scenario as (document, events) pairs."""
    out: dict[str, list[Event]] = {d: [] for d in DOCS}
    for i, (doc, s, t, code, gold, date, sentence, mod, neg) in enumerate(EVENTS):
        start = 100 * i
        out[doc].append(Event(
            id=event_iri(doc, start, start + len(sentence), code, s.id, t.id), doc=doc,
            sentence=sentence, start=start, end=start + len(sentence), source=s, target=t,
            cameo=code, plover=None, relation=relation_for(code), goldstein=gold, modality=mod,
            negated=neg, confidence=0.9, date=date, date_precision="day" if date else "document"))
    return [(DOCS[d], evs) for d, evs in out.items()]


def rows(negated: bool = False, since: str | None = None, until: str | None = None) -> list[tuple]:
    """The scenario as (source polity, target polity, cameo, goldstein, date, sentence) rows.

    Computed without kg.graph: roll-up by ``POLITY``, date falls back to the
    document's, window filter by string comparison, intra-polity events dropped.
    """
    out = []
    for doc, s, t, code, gold, date, sentence, _mod, neg in EVENTS:
        date = date or DOCS[doc].date
        if (neg and not negated) or (since and date < since) or (until and date > until):
            continue
        ps, pt = POLITY[s.label], POLITY[t.label]
        if ps != pt:
            out.append((ps, pt, code, gold, date, sentence))
    return out


@pytest.fixture(scope="session")
def scenario_rdf():
    """The scenario as an in-memory rdflib graph (via kg.rdf.triples.build_graph)."""
    from kg.rdf.triples import build_graph
    return build_graph(events())


@pytest.fixture(scope="session")
def scenario_ttl(tmp_path_factory, scenario_rdf) -> Path:
    """The scenario as a Turtle file."""
    path = tmp_path_factory.mktemp("graph") / "graph-scenario.ttl"
    scenario_rdf.serialize(destination=str(path), format="turtle")
    return path


@pytest.fixture(scope="session")
def scenario(scenario_rdf):
    """The scenario's actor graph."""
    from kg.graph import project
    return project(scenario_rdf)


@pytest.fixture(scope="session")
def scenario_rows():
    """``rows(negated=False, since=None, until=None)``: expected polity-level facts."""
    return rows


@pytest.fixture(scope="session")
def scenario_events():
    """The scenario as (document, events) pairs."""
    return events()
