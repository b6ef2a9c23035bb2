"""``kg build --dask``: a real two-worker Dask cluster builds the same graph as one process."""
from __future__ import annotations

import pytest

from .conftest import free_port, triples_of

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None, host="127.0.0.1") as local:
        yield local


def test_dask_build_equals_the_one_process_graph(cluster, small_corpus, reference_build,
                                                 run_kg, tmp_path):
    run_kg("build", small_corpus, "--out", tmp_path, "--dask", cluster.scheduler_address,
           "-q", check=True)
    reference = triples_of(reference_build / "graph.ttl")
    assert len(reference) > 200
    assert triples_of(tmp_path / "graph.ttl") == reference
    assert (tmp_path / "map.html").stat().st_size > 0
    # both workers took part (each loaded the model once and kept it)
    with distributed.Client(cluster.scheduler_address) as client:
        loaded = client.run(lambda: sorted(str(k) for k in __import__("kg.parallel").parallel._PIPELINES))
    assert len(loaded) == 2
    assert all(models == ["None"] for models in loaded.values()), loaded


def test_dask_events_are_those_of_one_process_in_input_order(cluster, small_corpus, nlp):
    from kg.ingest import Reader
    from kg.pipeline import extract

    documents = list(Reader().read([str(small_corpus)]))

    def records(pairs):
        return [(d.id, [e.to_record() for e in events]) for d, events in pairs]

    one = records(extract(documents, nlp))
    on_dask = records(extract(documents, dask=cluster.scheduler_address))
    assert sum(len(events) for _, events in one) >= 10
    assert on_dask == one


def test_unreachable_scheduler_is_a_one_line_error(run_kg, seed_path):
    proc = run_kg("events", seed_path, "-q", "--dask", f"tcp://127.0.0.1:{free_port()}")
    assert proc.returncode == 2
    assert proc.stderr.strip().count("\n") == 0
    assert "Dask scheduler" in proc.stderr and "Traceback" not in proc.stderr
