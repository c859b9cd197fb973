"""Benchmark ``kg.extract.extract_text`` on generated press-release items (not a test).

Generates N deterministic feed items of about 2 KB (a date line, a title, an exercise or an
operation stage with participants, observers, a place, a seizure table and a meeting), then
extracts each item on one core and reports items/s for several runs (median).

    .venv/bin/python bench/extract_bench.py [--items 5000] [--runs 5] [--write bench/EXTRACT.md]
"""

from __future__ import annotations

import argparse
import platform
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kg.extract import extract_text  # noqa: E402
from kg.gazetteer import default_gazetteer  # noqa: E402

STATES = [
    "Armenia",
    "the Republic of Belarus",
    "Kazakhstan",
    "the Kyrgyz Republic",
    "the Russian Federation",
    "Tajikistan",
    "Uzbekistan",
    "Turkmenistan",
    "Mongolia",
    "Serbia",
    "Iran",
    "China",
    "Pakistan",
    "Azerbaijan",
    "Moldova",
]
ORGS = ["Interpol", "CARICC", "the OSCE", "UNODC", "the Eurasian Group (EAG)"]
SERIES = ["Kanal", "Channel", "Poisk", "Rubezh", "Vzaimodeistvie", "Eshelon", "Grom", "Kobalt"]
STAGES = ["Zapad", "Tsentr", "Yug", "Dolina", "Lovushka", "Soyuz", "Barrier", "Centre"]
PLACES = ["Almaty", "Dushanbe", "Bishkek", "Minsk", "Moscow", "Yerevan", "Tashkent", "Osh"]
MONTHS = ["May", "June", "July", "September", "October", "November"]
SUBST = ["heroin", "hashish", "opium", "marijuana", "cocaine", "synthetic drugs"]
FILLER = (
    "According to the organisers, the results will be discussed at the next session of the "
    "Council, and the experience gained will be used in planning further joint measures. "
    "The participants worked out interaction of the competent bodies, exchanged operational "
    "information in real time and checked the readiness of the forces and means. "
)


def make_item(rng: random.Random, i: int) -> str:
    year = rng.randint(2010, 2024)
    mon = rng.choice(MONTHS)
    d1 = rng.randint(1, 20)
    series = rng.choice(SERIES)
    states = rng.sample(STATES, rng.randint(4, 8))
    obs = rng.sample([s for s in STATES if s not in states], 2) + rng.sample(ORGS, 2)
    place = rng.choice(PLACES)
    subs = rng.sample(SUBST, 4)
    lines = [
        f"Results of the operation «{series}-{year}» announced",
        "",
        f"{rng.randint(10, 28):02d}.{rng.randint(1, 12):02d}.{year}",
        "",
        f"From {d1} to {d1 + 4} {mon} the stage «{series}-{rng.choice(STAGES)}» of the "
        f"international operation «{series}-{year}» conducted under the aegis of the CSTO was "
        f"held, the coordination headquarters worked in {place}. "
        f"Law enforcement bodies of {', '.join(states[:-1])} and {states[-1]} took part. "
        f"Representatives of {', '.join(obs[:-1])} and {obs[-1]} attended as observers. " + FILLER,
        f"During the stage over {rng.randint(2, 40)} tons of narcotic drugs were seized, "
        f"including {rng.randint(1, 9)},{rng.randint(100, 999)} tons of {subs[0]}, "
        f"{rng.randint(10, 900)} kg of {subs[1]}, {rng.randint(1, 3)} tons {rng.randint(1, 900)} "
        f"kg of {subs[2]} and more than {rng.randint(1, 90)} kg of {subs[3]}. Besides, about "
        f"{rng.randint(1, 20)} tons of precursors were withdrawn. Kazakh agencies seized "
        f"{rng.randint(1, 5)}.{rng.randint(1, 9)} tons of them. " + FILLER,
        f"On {rng.choice(['Monday', 'Tuesday', 'Friday'])} a meeting of the Coordination Council "
        f"of heads of competent authorities on countering illicit drug trafficking took place in "
        f"{rng.choice(PLACES)}. The operation has been held every year since 2003; in total more "
        f"than {rng.randint(300, 600)} tons of drugs have been seized. " + FILLER,
    ]
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--items", type=int, default=5000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--seed", type=int, default=20240903)
    ap.add_argument("--write", type=Path, default=None, help="Write the figures (Markdown).")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    items = [make_item(rng, i) for i in range(a.items)]
    avg = sum(len(x) for x in items) / len(items)
    gaz = default_gazetteer()[1]
    extract_text(items[0], gazetteer=gaz)  # warm up (gazetteer, regex caches)
    rates, walls = [], []
    events = 0
    for r in range(a.runs):
        t0, c0 = time.perf_counter(), time.process_time()
        n_ev = 0
        for x in items:
            n_ev += len(extract_text(x, gazetteer=gaz).events)
        dt, cpu = time.perf_counter() - t0, time.process_time() - c0
        rates.append(len(items) / cpu)
        walls.append(len(items) / dt)
        events = n_ev
        print(
            f"run {r + 1}: {len(items)} items in {cpu:.2f} s CPU ({dt:.2f} s wall) = "
            f"{rates[-1]:.0f} items/s CPU, {walls[-1]:.0f} items/s wall",
            file=sys.stderr,
        )
    med = statistics.median(rates)
    load = ""
    try:
        import os

        load = f" Load average during the run: {os.getloadavg()[0]:.1f}."
    except (OSError, AttributeError):
        pass
    report = (
        "# Extraction speed\n\n"
        f"`bench/extract_bench.py --items {a.items} --runs {a.runs}`: {a.items} generated items "
        f"of {avg:.0f} characters on average (deterministic, seed {a.seed}), extracted one by "
        f"one with `kg.extract.extract_text` on one core.\n\n"
        "Rates are items per second of CPU time of the process (``time.process_time``), "
        "so that other jobs on a shared machine do not distort them; wall-clock rates beside.\n\n"
        f"| runs | median items/s (CPU) | min | max | median items/s (wall) | events per run |\n"
        f"|---|---|---|---|---|---|\n"
        f"| {a.runs} | **{med:.0f}** | {min(rates):.0f} | {max(rates):.0f} | "
        f"{statistics.median(walls):.0f} | {events} |\n\n"
        f"Machine: {platform.python_implementation()} {platform.python_version()} on "
        f"{platform.machine()} ({platform.system()}).{load} Target: >= 500 items/s.\n"
    )
    print(report)
    if a.write:
        a.write.write_text(report, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
