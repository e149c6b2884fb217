#!/usr/bin/env python3
"""The national case for scripts/bench.sh: one plan checked for N counties.

    bench/generate.py N DIR [--indicators 500] [--years 5]

writes into DIR:
  plan.dab      a plan with I indicators, one in five of each kind: two simple (higher is
                better), lower-is-better, derived (the mean of two simple indicators) and
                cumulative (the sum since the plan's first year, checked in 2024);
  long.csv      地区,指标,年份,数值: one value per row (region,indicator,year,value);
  wide.csv      地区,指标,2020年,…: one row per county and indicator;
  data.json     [{"region": …, "values": {indicator: {year: value}}}, …];
  targets.csv   what the peers (SQLite, DuckDB) compare: one row per due target
                (indicator,year,op,threshold,kind,a,b,from_year).
The data years end with 2024 (the as-of year); every county has a value for every input
indicator and year, except that about one value in 50 is left out (no data). Values are
drawn from a fixed seed, so that a run is repeatable, and around the targets, so that the
verdicts mix met and missed.
"""
import argparse
import json
import os
import random

FIRST_YEAR, LAST_YEAR, BASELINE = 2023, 2027, 2022
AS_OF = 2024


def kind_of(i):
    return ("simple", "simple", "lower", "derived", "cumulative")[i % 5]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("counties", type=int)
    p.add_argument("dir")
    p.add_argument("--indicators", type=int, default=500)
    p.add_argument("--years", type=int, default=5, help="data years, ending with 2024")
    a = p.parse_args()
    os.makedirs(a.dir, exist_ok=True)
    rng = random.Random(14)
    n = a.indicators
    years = list(range(AS_OF - a.years + 1, AS_OF + 1))

    # Targets per indicator and year: a level near 50 (a %), rising for higher, falling for lower.
    plan = [f'plan "全国县域评估" {{ region 全国  baseline {BASELINE}  period {FIRST_YEAR}..{LAST_YEAR} }}\n']
    targets = ["indicator,year,op,threshold,kind,a,b,from_year\n"]
    inputs = []  # the indicators that get data
    for i in range(n):
        kind = kind_of(i)
        level = 40 + (i * 7919) % 40
        if kind in ("simple", "lower"):
            step = 1 if kind == "simple" else -1
            cells = "  ".join(f"{y}: {level + step * (y - BASELINE)}" for y in range(FIRST_YEAR, LAST_YEAR + 1))
            direction = " lower" if kind == "lower" else ""
            plan.append(f'indicator x{i} "指标{i}" unit %{direction} {{ baseline {level}  {cells} }}\n')
            op = ">=" if kind == "simple" else "<="
            for y in range(FIRST_YEAR, AS_OF + 1):
                targets.append(f"x{i},{y},{op},{level + step * (y - BASELINE)},value,,,\n")
            inputs.append((f"x{i}", level, step))
        elif kind == "derived":
            # the mean of the two simple indicators just before it (i-3 and i-2), and so its target
            level = (40 + ((i - 3) * 7919) % 40 + 40 + ((i - 2) * 7919) % 40) / 2
            cells = "  ".join(f"{y}: {level + y - BASELINE:g}" for y in range(FIRST_YEAR, LAST_YEAR + 1))
            plan.append(f'indicator x{i} "派生{i}" unit % = (x{i - 3} + x{i - 2}) / 2 {{ {cells} }}\n')
            for y in range(FIRST_YEAR, AS_OF + 1):
                targets.append(f"x{i},{y},>=,{level + y - BASELINE:g},derived,x{i - 3},x{i - 2},\n")
        else:
            plan.append(f'indicator x{i} "累计{i}" unit 人\n')
            plan.append(f"cumulative x{i} >= {2 * 100 * level} by {AS_OF}\n")
            targets.append(f"x{i},{AS_OF},>=,{2 * 100 * level},cumulative,,,{FIRST_YEAR}\n")
            inputs.append((f"x{i}", 100 * level, 0))

    with open(os.path.join(a.dir, "plan.dab"), "w") as f:
        f.writelines(plan)
    with open(os.path.join(a.dir, "targets.csv"), "w") as f:
        f.writelines(targets)

    counties = [f"县{c:04d}" for c in range(a.counties)]
    with open(os.path.join(a.dir, "long.csv"), "w") as lg, open(os.path.join(a.dir, "wide.csv"), "w") as wd, \
            open(os.path.join(a.dir, "data.json"), "w") as js:
        lg.write("地区,指标,年份,数值\n")
        wd.write("地区,指标," + ",".join(f"{y}年" for y in years) + "\n")
        js.write("[")
        for c, county in enumerate(counties):
            values = {}
            for key, level, step in inputs:
                row = {}
                for y in years:
                    if rng.random() < 0.02:
                        continue
                    target = level + step * (y - BASELINE)
                    row[str(y)] = round(target * rng.uniform(0.95, 1.05), 2)
                values[key] = row
                for y, v in row.items():
                    lg.write(f"{county},{key},{y},{v}\n")
                wd.write(f"{county},{key}," + ",".join(str(row.get(str(y), "")) for y in years) + "\n")
            js.write(("," if c else "") + json.dumps({"region": county, "values": values}, ensure_ascii=False))
        js.write("]\n")


if __name__ == "__main__":
    main()
