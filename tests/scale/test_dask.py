"""``kg build --dask``: a real two-worker Dask ``LocalCluster`` builds the same graph as one process.

The cluster runs in a helper process, so this test process starts no Dask threads.
"""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

from .conftest import free_port, triples_of

pytest.importorskip("distributed")

CLUSTER = textwrap.dedent("""
    import sys
    from distributed import Client, LocalCluster
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None, host="127.0.0.1") as cluster, \
            Client(cluster) as client:
        client.wait_for_workers(2, timeout=120)
        print(cluster.scheduler_address, flush=True)
        sys.stdin.read()   # until the test closes our stdin
""")


@pytest.fixture(scope="module")
def scheduler(tmp_path_factory):
    """Address of a LocalCluster(n_workers=2, processes=True) in a helper process."""
    log = tmp_path_factory.mktemp("dask") / "cluster.log"
    with log.open("w") as err:
        proc = subprocess.Popen([sys.executable, "-c", CLUSTER], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, stderr=err, text=True)
    try:
        address = proc.stdout.readline().strip()
        assert address.startswith("tcp://"), f"the Dask cluster did not start: {log.read_text()[-2000:]}"
        yield address
    finally:
        proc.stdin.close()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def test_dask_build_equals_the_one_process_graph(scheduler, small_corpus, reference_build,
                                                 run_kg, tmp_path):
    run_kg("build", small_corpus, "--out", tmp_path, "--dask", scheduler, "-q", check=True)
    reference = triples_of(reference_build / "graph.ttl")
    assert len(reference) > 200
    assert triples_of(tmp_path / "graph.ttl") == reference
    assert (tmp_path / "map.html").stat().st_size > 0


def test_dask_events_are_those_of_one_process_in_input_order(scheduler, small_corpus, nlp,
                                                             run_kg):
    from kg.ingest import Reader
    from kg.pipeline import extract

    documents = list(Reader().read([str(small_corpus)]))
    one = [json.loads(json.dumps(e.to_record())) for _, events in extract(documents, nlp)
           for e in events]
    proc = run_kg("events", small_corpus, "-q", "--dask", scheduler, check=True)
    on_dask = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(one) >= 10
    assert on_dask == one


def test_unreachable_scheduler_is_a_one_line_error(run_kg, seed_path):
    proc = run_kg("events", seed_path, "-q", "--dask", f"tcp://127.0.0.1:{free_port()}")
    assert proc.returncode == 2
    assert proc.stderr.strip().count("\n") == 0
    assert "Dask scheduler" in proc.stderr and "Traceback" not in proc.stderr
