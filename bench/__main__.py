"""`python -m bench [NAME ...] [--quick]`: run benchmarks, print a table, write results.json.

Each benchmark module in this folder exposes `run(quick: bool) -> list[dict]`; a figure is a
dict with name, value, unit and, where there is one, target and baseline (measured in the same
run). The ratio is value / baseline.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from pathlib import Path
from typing import Any

BENCHES = ("dispatch", "flash_ranking", "surveys", "delivery", "roadmap_reminders", "meetings")
RESULTS = Path(__file__).with_name("results.json")


def _meets(figure: dict[str, Any]) -> str:
    target = figure.get("target")
    if target is None:
        return ""
    # A target is an upper bound, unless the figure says higher is better.
    if figure.get("higher_is_better"):
        return "ok" if figure["value"] >= target else "MISSED"
    return "ok" if figure["value"] <= target else "MISSED"


def _row(figure: dict[str, Any]) -> str:
    def fmt(value: Any) -> str:
        return "" if value is None else (f"{value:.4g}" if isinstance(value, float) else str(value))

    return (
        f"{figure['name']:<48} {fmt(figure['value']):>10} {figure['unit']:<8} "
        f"{fmt(figure.get('target')):>8} {fmt(figure.get('baseline')):>10} "
        f"{fmt(figure.get('ratio')):>7} {_meets(figure)}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument(
        "names",
        nargs="*",
        choices=[[], *BENCHES],
        default=[],
        help=f"benchmarks to run (default: all of {', '.join(BENCHES)})",
    )
    parser.add_argument("--quick", action="store_true", help="small sizes, for a smoke run")
    args = parser.parse_args(argv)
    figures: list[dict[str, Any]] = []
    print(f"{'figure':<48} {'value':>10} {'unit':<8} {'target':>8} {'baseline':>10} {'ratio':>7}")
    for name in args.names or BENCHES:
        module = importlib.import_module(f"bench.{name}")
        for figure in module.run(quick=args.quick):
            if figure.get("baseline"):
                figure["ratio"] = figure["value"] / figure["baseline"]
            figure.setdefault("target", None)
            figure.setdefault("baseline", None)
            figure.setdefault("ratio", None)
            figure["bench"] = name
            figures.append(figure)
            print(_row(figure), flush=True)
    RESULTS.write_text(
        json.dumps({"quick": args.quick, "figures": figures}, indent=2, ensure_ascii=False)
    )
    print(f"written: {RESULTS}")
    missed = [f["name"] for f in figures if _meets(f) == "MISSED"]
    if missed:
        print("targets missed: " + ", ".join(missed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
