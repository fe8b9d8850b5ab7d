"""The scale benchmark: `python -m bench.run --sizes 1000,10000,100000`.

For each size N it synthesizes an archive of N papers and measures, each step in a child
process: the generator step from scratch (`paperfeed build --no-site`), the same with nothing
changed (files written must be 0), the full build from scratch (`paperfeed build`), a full
rebuild with nothing changed, and the MkDocs + Material floor (the same papers as bare pages,
`mkdocs build`). Then site size, bytes per paper page and the search payload. Prints a table
with the ratio to the floor and saves everything as JSON in the output folder.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import sys
import time
from dataclasses import asdict
from importlib import metadata
from pathlib import Path
from typing import Any

from bench.measure import Measured, load_average, run
from bench.project import ROOT, floor_project, paperfeed_project, reset_generated
from bench.synth import synthesize

STEPS = ("generator", "generator-nochange", "full", "rebuild-nochange", "floor")
WRITTEN = re.compile(r"([\d,]+) files? written, ([\d,]+) removed")
PHASES = {
    "generator": re.compile(r"generated and staged docs/ in ([\d.]+) s"),
    "mkdocs": re.compile(r"MkDocs built the site in ([\d.]+) s"),
    "pagefind": re.compile(r"Pagefind indexed the site in ([\d.]+) s"),
}
"""The build's own timing of its phases (wall seconds), from its log."""


def machine() -> dict[str, Any]:
    meminfo = Path("/proc/meminfo").read_text()
    total_kb = int(re.search(r"MemTotal:\s+(\d+)", meminfo).group(1))  # type: ignore[union-attr]
    versions = {}
    for package in ("mkdocs", "mkdocs-material", "pagefind", "Jinja2", "Markdown"):
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = "-"
    return {
        "nproc": os.cpu_count(),
        "memory_gb": round(total_kb / 2**20, 1),
        "cpu": _cpu_model(),
        "python": platform.python_version(),
        "kernel": platform.release(),
        "versions": versions,
        "load_at_start": Path("/proc/loadavg").read_text().split()[:3],
    }


def _cpu_model() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.machine()


def _paperfeed(*args: str) -> list[str]:
    return [sys.executable, "-m", "generator", "--config", "mkdocs.yml", "build", *args]


def _folder_bytes(folder: Path) -> tuple[int, int]:
    total = files = 0
    for dirpath, _, names in os.walk(folder):
        for name in names:
            total += os.lstat(os.path.join(dirpath, name)).st_size
            files += 1
    return total, files


def site_facts(site: Path) -> dict[str, Any]:
    """Size of the site, of its paper pages, and of what search downloads before answering."""
    total, files = _folder_bytes(site)
    sizes = [p.stat().st_size for p in (site / "papers").glob("*/index.html")]
    lunr = site / "search" / "search_index.json"
    pagefind = site / "pagefind"
    facts: dict[str, Any] = {
        "site_mb": total / 1e6,
        "site_files": files,
        "paper_pages": len(sizes),
        "paper_page_kb_mean": sum(sizes) / len(sizes) / 1e3 if sizes else 0,
        "paper_page_kb_max": max(sizes) / 1e3 if sizes else 0,
        "lunr_index_mb": lunr.stat().st_size / 1e6 if lunr.exists() else 0,
        "pagefind_mb": _folder_bytes(pagefind)[0] / 1e6 if pagefind.exists() else 0,
    }
    return facts


def bench_size(
    count: int, out: Path, steps: set[str], per_day: int, search: str = "auto"
) -> dict[str, Any]:
    print(f"\n== {count:,} papers ({per_day} a day)", flush=True)
    started = time.perf_counter()
    papers = synthesize(count, ROOT / "data" / "taxonomy.yml", per_day=per_day)
    project = paperfeed_project(out / f"n{count}" / "project", papers, search=search)
    print(f"synthesized in {time.perf_counter() - started:.1f} s", flush=True)
    result: dict[str, Any] = {"papers": count, "search": search, "steps": {}}

    def step(name: str, command: list[str], cwd: Path) -> Measured:
        measured = run(command, cwd)
        written = WRITTEN.search(measured.output)
        entry = asdict(measured)
        entry["files_written"] = int(written.group(1).replace(",", "")) if written else None
        entry["phases_s"] = {
            phase: float(found.group(1))
            for phase, pattern in PHASES.items()
            if (found := pattern.search(measured.output))
        }
        entry["output"] = measured.output[-2000:]
        result["steps"][name] = entry
        status = "ok" if measured.returncode == 0 else f"FAILED ({measured.returncode})"
        print(
            f"{name:20} {measured.wall_s:8.1f} s wall {measured.cpu_s:8.1f} s cpu "
            f"{measured.tree_rss_mb:7.0f} MB  load {measured.load_start:.2f}->"
            f"{measured.load_max:.2f}  written {entry['files_written']}  {status}",
            flush=True,
        )
        if measured.returncode != 0:
            print(measured.output[-3000:], file=sys.stderr)
        return measured

    if "generator" in steps:
        step("generator", _paperfeed("--no-site"), project)
    if "generator-nochange" in steps:
        step("generator-nochange", _paperfeed("--no-site"), project)
    if "full" in steps:
        reset_generated(project)
        step("full", _paperfeed(), project)
        result["site"] = site_facts(project / "site")
    if "rebuild-nochange" in steps:
        step("rebuild-nochange", _paperfeed(), project)
    if "floor" in steps:
        floor = floor_project(out / f"n{count}" / "floor", papers)
        step("floor", [sys.executable, "-m", "mkdocs", "build", "--quiet"], floor)
        result["floor_site"] = site_facts(floor / "site")
        shutil.rmtree(floor / "docs")
    return result


def table(results: list[dict[str, Any]]) -> str:
    """The summary as a Markdown table."""
    head = (
        "| papers | generator (CPU) | gen. no-change (CPU; written) | full build (CPU) "
        "| floor (CPU) | full / floor: wall, CPU | rebuild no-change | peak memory | site "
        "| full: generator + MkDocs + Pagefind | paper page | lunr index | Pagefind index "
        "| load |\n" + "|---:" * 14 + "|"
    )
    rows = [head]
    for r in results:
        s = r["steps"]

        def wall(name: str, s: dict[str, Any] = s) -> str:
            if name not in s:
                return "-"
            return f"{s[name]['wall_s']:.1f} s ({s[name]['cpu_s']:.1f} s)"

        ratio = (
            f"{s['full']['wall_s'] / s['floor']['wall_s']:.2f}x, "
            f"{s['full']['cpu_s'] / s['floor']['cpu_s']:.2f}x"
            if "full" in s and "floor" in s
            else "-"
        )
        nochange = s.get("generator-nochange")
        nochange_text = (
            f"{nochange['wall_s']:.1f} s ({nochange['cpu_s']:.1f} s; {nochange['files_written']})"
            if nochange
            else "-"
        )
        peak = max((step["tree_rss_mb"] for step in s.values()), default=0)
        phases = s.get("full", {}).get("phases_s", {})
        split = " + ".join(f"{phases[p]:.1f}" for p in PHASES if p in phases) or "-"
        site = r.get("site", {})
        loads = [step["load_max"] for step in s.values()]
        rows.append(
            f"| {r['papers']:,} | {wall('generator')} | {nochange_text} | {wall('full')} "
            f"| {wall('floor')} | {ratio} | {wall('rebuild-nochange')} | {peak:,.0f} MB "
            f"| {site.get('site_mb', 0):,.0f} MB | {split} s "
            f"| {site.get('paper_page_kb_mean', 0):.1f} KB "
            f"| {site.get('lunr_index_mb', 0):.1f} MB | {site.get('pagefind_mb', 0):.1f} MB "
            f"| {min(loads, default=0):.1f}-{max(loads, default=0):.1f} |"
        )
    return "\n".join(rows)


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__)
    parser.add_argument("--sizes", default="1000,10000", help="comma-separated paper counts")
    parser.add_argument("--steps", default=",".join(STEPS), help=f"subset of {','.join(STEPS)}")
    parser.add_argument("--per-day", type=int, default=100, help="papers first seen per day")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    parser.add_argument("--keep", action="store_true", help="keep the built projects")
    parser.add_argument(
        "--search", default="auto", choices=("auto", "lunr", "pagefind"), help="site search"
    )
    parser.add_argument("--table", type=Path, help="only print the table of a saved results file")
    args = parser.parse_args()
    if args.table:
        print(table(json.loads(args.table.read_text())["results"]))
        return 0
    steps = set(args.steps.split(","))
    unknown = steps - set(STEPS)
    if unknown:
        parser.error(f"unknown steps: {', '.join(sorted(unknown))}")
    args.out.mkdir(parents=True, exist_ok=True)
    facts = machine()
    print(json.dumps(facts))
    results = []
    for size in (int(s.replace("_", "")) for s in args.sizes.split(",")):
        results.append(bench_size(size, args.out, steps, args.per_day, args.search))
        if not args.keep:
            shutil.rmtree(args.out / f"n{size}", ignore_errors=True)
    facts["load_at_end"] = load_average()
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    (args.out / f"results-{stamp}.json").write_text(
        json.dumps({"machine": facts, "results": results}, indent=1) + "\n"
    )
    print()
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
