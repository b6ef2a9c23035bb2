"""Hand-made documents and events (kg.model records) for the RDF tests: no spaCy needed.

Document ``d1`` is modelled on the seed: South Korea and the EU condemn North
Korea (the EU through Josep Borrell, about North Korea's arms transfers to
Russia, a nested event), South Korea demands a withdrawal, North Korea aids
Russia, a negated event. Document ``d2`` adds the United States condemning
North Korea and repeats one actor (South Korea) with a new fact.
"""
from __future__ import annotations

import pytest

from kg.ids import actor_iri, event_iri
from kg.model import ActorRef, Document, Event
from kg.rdf.namespace import relation_for

GOLDSTEIN = {"111": -2.0, "1056": -5.0, "072": 8.3, "040": 1.0, "057": 8.0, "190": -10.0}
PLOVER = {"111": "ACCUSE", "1056": "REQUEST", "072": "AID", "040": "CONSULT", "057": "SUPPORT",
          "190": "ASSAULT"}


def state(label: str, qid: str, iso3: str | None = None, type_: str = "State") -> ActorRef:
    return ActorRef.create(type_, label, wikidata=qid, iso3=iso3, country=qid)


KOR = state("South Korea", "Q884", "KOR")
PRK = state("North Korea", "Q423", "PRK")
RUS = state("Russia", "Q159", "RUS")
UKR = state("Ukraine", "Q212", "UKR")
EU = state("European Union", "Q458", type_="Organization")
USA = state("United States", "Q30", "USA")
BORRELL = ActorRef(actor_iri("Person", label="Josep Borrell", country="Q458"), "Josep Borrell",
                   "Person", wikidata="Q57231", country="Q458", role="High Representative")
CHO = ActorRef.create("Person", "Cho Tae-yul", country="Q884", role="Foreign Minister")
PRK_FORCES = ActorRef.create("ArmedForce", "North Korean forces", country="Q423", role="troops")

S1 = "South Korea and the European Union on Monday jointly condemned North Korea’s supply of weaponry to Moscow."
S2 = "Josep Borrell condemned the North’s unlawful arms transfers to the Russian Federation."
S3 = "They demanded a withdrawal of the North Korean forces."
S4 = "Russia did not attack Ukraine."
S5 = "The United States condemned North Korea."
S6 = "South Korea held talks with Russia."


def make_event(doc: str, start: int, sentence: str, source: ActorRef, target: ActorRef | None,
               cameo: str, *, modality: str = "asserted", negated: bool = False,
               target_event: str | None = None, date: str | None = None,
               precision: str = "document", confidence: float = 0.8) -> Event:
    end = start + len(sentence)
    iri = event_iri(doc, start, end, cameo, source.id, target.id if target else None, target_event)
    return Event(iri, doc, sentence, start, end, source, target, cameo, PLOVER[cameo],
                 relation_for(cameo), GOLDSTEIN[cameo], modality=modality, negated=negated,
                 confidence=confidence, date=date, date_precision=precision,
                 target_event=target_event, trigger=sentence.split()[2])


def doc1() -> tuple[Document, list[Event]]:
    doc = Document(id="seeds/d1.txt", text=" ".join([S1, S2, S3, S4]), date="2024-11-04",
                   title="South Korea and EU condemn North Korea", url="https://example.org/d1")
    o2 = len(S1) + 1
    o3 = o2 + len(S2) + 1
    o4 = o3 + len(S3) + 1
    transfer = make_event(doc.id, o2, S2, PRK, RUS, "072", confidence=0.6)
    events = [
        make_event(doc.id, 0, S1, KOR, PRK, "111", date="2024-11-04", precision="day"),
        make_event(doc.id, 0, S1, EU, PRK, "111", date="2024-11-04", precision="day"),
        transfer,
        make_event(doc.id, o2, S2, BORRELL, PRK, "111", target_event=transfer.id),
        make_event(doc.id, o3, S3, CHO, PRK_FORCES, "1056", modality="demanded"),
        make_event(doc.id, o4, S4, RUS, UKR, "190", negated=True),
    ]
    return doc, events


def doc2() -> tuple[Document, list[Event]]:
    doc = Document(id="seeds/d2.txt", text=f"{S5} {S6}", date="2024-12-01")
    return doc, [
        make_event(doc.id, 0, S5, USA, PRK, "111"),
        make_event(doc.id, len(S5) + 1, S6, KOR, RUS, "040", date="2024-11", precision="month"),
    ]


@pytest.fixture()
def pairs():
    return [doc1()]


@pytest.fixture()
def pairs2():
    return [doc1(), doc2()]
