#!/usr/bin/env python3
"""Google OR-Tools on the instances bench-scheduler writes. Prints one JSON object.

    solve.py flow NETWORK.json
        The selection network (fair_matchmaking::select::network) with
        SimpleMinCostFlow: status, optimal cost, and the time of solve() alone
        (the arcs are loaded before the clock starts).

    solve.py cpsat PROBLEM.json [--time-limit S] [--workers N]
        The whole problem (who meets whom, and when) with CP-SAT: a boolean per
        candidate pair and slot both can attend (and, if the pair needs one, in which
        an interpreter of its language pair is available; if it meets on site, only
        when the fair has tables); each participant in at most one meeting per slot;
        tables and interpreters per slot; each pair met at most once; maximum
        meetings per participant; and the engine's lexicographic objective
        (mutual Must-meet pairs, then buyers' minimums, then suppliers' minimums,
        then scores) through the same priority weights (select::priorities).
        Written from the problem's definition, not from the engine's code.
"""

import argparse
import json
import sys
import time


def flow(path):
    import numpy as np
    from ortools.graph.python import min_cost_flow

    with open(path) as f:
        net = json.load(f)
    smcf = min_cost_flow.SimpleMinCostFlow()
    tails = np.array(net["tails"], dtype=np.int64)
    heads = np.array(net["heads"], dtype=np.int64)
    caps = np.array(net["capacities"], dtype=np.int64)
    costs = np.array(net["costs"], dtype=np.int64)
    started = time.perf_counter()
    smcf.add_arcs_with_capacity_and_unit_cost(tails, heads, caps, costs)
    nodes = np.arange(net["nodes"], dtype=np.int64)
    supplies = np.zeros(net["nodes"], dtype=np.int64)
    for node, supply in net["supplies"]:
        supplies[node] = supply
    smcf.set_nodes_supplies(nodes, supplies)
    loaded = time.perf_counter()
    status = smcf.solve()
    solved = time.perf_counter()
    names = {
        smcf.OPTIMAL: "OPTIMAL",
        smcf.NOT_SOLVED: "NOT_SOLVED",
        smcf.FEASIBLE: "FEASIBLE",
        smcf.INFEASIBLE: "INFEASIBLE",
        smcf.UNBALANCED: "UNBALANCED",
        smcf.BAD_RESULT: "BAD_RESULT",
        smcf.BAD_COST_RANGE: "BAD_COST_RANGE",
    }
    out = {
        "status": names.get(status, str(status)),
        "load_seconds": loaded - started,
        "solve_seconds": solved - loaded,
    }
    if status == smcf.OPTIMAL:
        out["optimal_cost"] = int(smcf.optimal_cost())
    return out


def cpsat(path, time_limit, workers):
    from ortools.sat.python import cp_model

    with open(path) as f:
        p = json.load(f)
    started = time.perf_counter()
    model = cp_model.CpModel()
    tables = p["tables"]
    nslots = p["slots"]
    buyers = [set(b["available"]) for b in p["buyers"]]
    suppliers = [set(s["available"]) for s in p["suppliers"]]
    # interpreters available per (pair, slot)
    interp = {}
    for i in p["interpreters"]:
        for t in i["available"]:
            interp[(i["pair"], t)] = interp.get((i["pair"], t), 0) + 1
    prio = p["priorities"]

    by_buyer_slot = {}
    by_supplier_slot = {}
    by_buyer = [[] for _ in buyers]
    by_supplier = [[] for _ in suppliers]
    onsite_slot = {}
    pair_slot = {}
    objective = []
    plain = []
    variables = 0
    for c, cand in enumerate(p["candidates"]):
        b, s = cand["buyer"], cand["supplier"]
        slots = sorted(buyers[b] & suppliers[s])
        if cand["interpreter"] is not None:
            slots = [t for t in slots if interp.get((cand["interpreter"], t), 0) > 0]
        if cand["onsite"] and tables == 0:
            slots = []
        xs = []
        for t in slots:
            x = model.new_bool_var(f"x{c}_{t}")
            variables += 1
            xs.append(x)
            by_buyer_slot.setdefault((b, t), []).append(x)
            by_supplier_slot.setdefault((s, t), []).append(x)
            if cand["onsite"]:
                onsite_slot.setdefault(t, []).append(x)
            if cand["interpreter"] is not None:
                pair_slot.setdefault((cand["interpreter"], t), []).append(x)
        if not xs:
            continue
        model.add_at_most_one(xs)
        by_buyer[b].extend(xs)
        by_supplier[s].extend(xs)
        weight = cand["score"] + (prio["must"] if cand["must"] else 0)
        objective.extend((weight, x) for x in xs)
        plain.extend((cand["score"], cand["must"], x) for x in xs)
    for xs in by_buyer_slot.values():
        if len(xs) > 1:
            model.add_at_most_one(xs)
    for xs in by_supplier_slot.values():
        if len(xs) > 1:
            model.add_at_most_one(xs)
    for t, xs in onsite_slot.items():
        if len(xs) > tables:
            model.add(sum(xs) <= tables)
    for (pair, t), xs in pair_slot.items():
        if len(xs) > interp[(pair, t)]:
            model.add(sum(xs) <= interp[(pair, t)])
    minimum_terms = []
    buyer_minimums = []
    supplier_minimums = []
    for side, people, weight in (("b", p["buyers"], prio["buyer_minimum"]), ("s", p["suppliers"], prio["supplier_minimum"])):
        groups = by_buyer if side == "b" else by_supplier
        for index, person in enumerate(people):
            xs = groups[index]
            if len(xs) > person["max"]:
                model.add(sum(xs) <= person["max"])
            tier = min(person["min"], person["max"], len(xs))
            if tier > 0:
                m = model.new_int_var(0, tier, f"m{side}{index}")
                model.add(m <= sum(xs))
                minimum_terms.append((weight, m))
                (buyer_minimums if side == "b" else supplier_minimums).append(m)
    model.maximize(sum(w * x for w, x in objective) + sum(w * m for w, m in minimum_terms))
    built = time.perf_counter()

    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit
    solver.parameters.num_workers = workers
    status = solver.solve(model)
    solved = time.perf_counter()
    out = {
        "status": solver.status_name(status),
        "variables": variables,
        "build_seconds": built - started,
        "solve_seconds": solved - built,
    }
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        out["objective"] = int(round(solver.objective_value))
        out["bound"] = int(round(solver.best_objective_bound))
        out["meetings"] = int(sum(1 for _, x in objective if solver.boolean_value(x)))
        out["must_pairs"] = int(sum(1 for _, must, x in plain if must and solver.boolean_value(x)))
        out["buyer_minimums"] = int(sum(solver.value(m) for m in buyer_minimums))
        out["supplier_minimums"] = int(sum(solver.value(m) for m in supplier_minimums))
        out["plain_weight"] = int(sum(score for score, _, x in plain if solver.boolean_value(x)))
    elif status == cp_model.UNKNOWN:
        out["bound"] = int(round(solver.best_objective_bound))
    return out


def main():
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    f = sub.add_parser("flow")
    f.add_argument("network")
    c = sub.add_parser("cpsat")
    c.add_argument("problem")
    c.add_argument("--time-limit", type=float, default=60.0)
    c.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    if args.command == "flow":
        out = flow(args.network)
    else:
        out = cpsat(args.problem, args.time_limit, args.workers)
    json.dump(out, sys.stdout)
    print()


if __name__ == "__main__":
    main()
