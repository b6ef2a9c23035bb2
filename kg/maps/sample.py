"""Small and synthetic knowledge graphs in the project's RDF shape, for tests, demos and benchmarks.

Both are built from :class:`kg.model.Event` records through
:func:`kg.rdf.triples.add_document`, so they have exactly the shape the
pipeline writes.

>>> g = sample_graph()
>>> from kg.graph.projection import project
>>> G = project(g)
>>> sorted({G.nodes[n]["label"] for n in G})[:3]
['Cho Tae-yul', 'European Union', 'Josep Borrell']
"""
from __future__ import annotations

import random
from typing import Iterator, Optional

import rdflib

from kg.ids import event_iri
from kg.model import ActorRef, Document, Event
from kg.rdf.namespace import relation_for

#: Text of a document whose title and sentence carry markup (tests check it never runs).
HOSTILE = ('<script>window.__pwned = 1; alert(1)</script> Russia condemned '
           '<img src=x onerror="window.__pwned = 2; alert(2)"> Ukraine.')

_PLOVER = {"01": "STATEMENT", "03": None, "04": "CONSULT", "05": "COOPERATE", "06": "COOPERATE",
           "07": "AID", "11": "ACCUSE", "12": "REJECT", "13": "THREATEN", "19": "ASSAULT"}
_GOLDSTEIN = {"036": 4.0, "040": 1.0, "042": 1.9, "051": 3.4, "057": 8.0, "061": 6.4, "070": 7.0,
              "111": -2.0, "112": -2.0, "120": -4.0, "138": -7.0, "190": -10.0, "010": 0.0}


def state(label: str, qid: str, iso3: Optional[str] = None) -> ActorRef:
    """A state actor."""
    return ActorRef.create("State", label, wikidata=qid, iso3=iso3, country=qid)


def organization(label: str, qid: str) -> ActorRef:
    """An intergovernmental organisation."""
    return ActorRef.create("Organization", label, wikidata=qid, country=qid)


def member(label: str, type_: str, country: str, role: Optional[str] = None) -> ActorRef:
    """A person, force or body acting for the polity with QID ``country``."""
    return ActorRef.create(type_, label, country=country, role=role)


def event(doc: Document, sentence: str, source: ActorRef, target: ActorRef, cameo: str, *,
          confidence: float = 0.8, modality: str = "asserted", date: Optional[str] = None,
          negated: bool = False) -> Event:
    """An event whose evidence is ``sentence`` (which must occur in ``doc.text``)."""
    start = doc.text.index(sentence)
    end = start + len(sentence)
    return Event(event_iri(doc.id, start, end, cameo, source.id, target.id), doc.id, sentence,
                 start, end, source, target, cameo, _PLOVER.get(cameo[:2]), relation_for(cameo),
                 _GOLDSTEIN.get(cameo, 0.0), modality=modality, negated=negated,
                 confidence=confidence, date=date or doc.date, date_precision="day")


def sample_pairs() -> list[tuple[Document, list[Event]]]:
    """Three documents about Korea, Russia and Ukraine, one of them hostile markup."""
    kor, prk = state("South Korea", "Q884", "KOR"), state("North Korea", "Q423", "PRK")
    rus, ukr = state("Russia", "Q159", "RUS"), state("Ukraine", "Q212", "UKR")
    usa, eu = state("United States", "Q30", "USA"), organization("European Union", "Q458")
    cho = member("Cho Tae-yul", "Person", "Q884", "Foreign Minister")
    borrell = member("Josep Borrell", "Person", "Q458", "High Representative")
    troops = member("North Korean troops", "ArmedForce", "Q423", "troops")

    s1 = ("South Korea and the European Union jointly condemned North Korea. "
          "Cho Tae-yul condemned North Korea's arms transfers. "
          "The EU and South Korea signed a security partnership. "
          "North Korea threatened South Korea.")
    d1 = Document("seoul.txt", s1, date="2024-11-04", title="Seoul talks", url="https://example.org/seoul")
    e1 = [
        event(d1, "South Korea and the European Union jointly condemned North Korea.", kor, prk, "111", confidence=0.9),
        event(d1, "South Korea and the European Union jointly condemned North Korea.", eu, prk, "111", confidence=0.9),
        event(d1, "Cho Tae-yul condemned North Korea's arms transfers.", cho, prk, "111", confidence=0.7),
        event(d1, "The EU and South Korea signed a security partnership.", eu, kor, "057", confidence=0.85),
        event(d1, "North Korea threatened South Korea.", prk, kor, "138", confidence=0.6),
    ]
    s2 = ("North Korean troops fought against Ukraine in Kursk. "
          "Josep Borrell met Cho Tae-yul. "
          "The United States provided aid to Ukraine. "
          "Russia and North Korea consulted in Moscow.")
    d2 = Document("kursk.txt", s2, date="2024-12-10", title="Kursk front")
    e2 = [
        event(d2, "North Korean troops fought against Ukraine in Kursk.", troops, ukr, "190", confidence=0.75),
        event(d2, "Josep Borrell met Cho Tae-yul.", borrell, cho, "040", confidence=0.5),
        event(d2, "The United States provided aid to Ukraine.", usa, ukr, "070", confidence=0.95),
        event(d2, "Russia and North Korea consulted in Moscow.", rus, prk, "040", confidence=0.3),
        event(d2, "Russia and North Korea consulted in Moscow.", prk, rus, "040", confidence=0.3),
    ]
    d3 = Document("hostile.txt", HOSTILE, date="2025-01-15",
                  title='<img src=x onerror="window.__pwned = 3">Hostile</title><script>alert(3)</script>')
    e3 = [event(d3, HOSTILE, rus, ukr, "111", confidence=0.65)]
    return [(d1, e1), (d2, e2), (d3, e3)]


def sample_graph() -> rdflib.Graph:
    """The graph of :func:`sample_pairs` (an in-memory rdflib graph)."""
    from kg.rdf.triples import build_graph

    return build_graph(sample_pairs())


def synthetic_pairs(n_actors: int, *, seed: int = 0, events_per_actor: float = 1.5,
                    person_share: float = 0.1) -> Iterator[tuple[Document, list[Event]]]:
    """Random documents whose events link about ``n_actors`` actors (preferential attachment).

    Most actors are states; ``person_share`` of them are persons acting
    for one of those states. Roughly ``events_per_actor * n_actors`` events,
    ten per document.
    """
    rng = random.Random(seed)
    n_persons = int(n_actors * person_share)
    n_states = max(2, n_actors - n_persons)
    states = [state(f"State {i}", f"Q{100000 + i}") for i in range(n_states)]
    persons = [member(f"Person {i}", "Person", f"Q{100000 + rng.randrange(n_states)}", "Minister")
               for i in range(n_persons)]
    actors = states + persons
    codes = list(_GOLDSTEIN)
    targets = [0]
    n_events = int(events_per_actor * n_actors)
    per_doc = 10
    for d in range(0, n_events, per_doc):
        sentences, picks = [], []
        for j in range(min(per_doc, n_events - d)):
            i = d + j
            src_i = i % len(actors) if i < len(actors) else rng.randrange(len(actors))
            tgt_i = rng.choice(targets)
            if tgt_i == src_i:
                tgt_i = (src_i + 1) % len(actors)
            targets.extend((src_i, tgt_i))
            code = rng.choice(codes)
            sentences.append(f"Actor {src_i} and actor {tgt_i} interacted ({i}).")
            picks.append((actors[src_i], actors[tgt_i], code))
        month = 1 + (d // per_doc) % 12
        doc = Document(f"synthetic/{d // per_doc}.txt", " ".join(sentences),
                       date=f"2024-{month:02d}-{1 + (d // per_doc) % 28:02d}")
        yield doc, [event(doc, s, a, b, c, confidence=round(rng.uniform(0.3, 1.0), 2))
                    for s, (a, b, c) in zip(sentences, picks)]
