#!/usr/bin/env python3
"""An independent implementation of Haven's dataset split rule (see DatasetSplit.swift), for the tests.

Usage: dataset_split.py COUNT SEED NAME=FRACTION... ; case ids are s0001 .. sCOUNT (TotalSegmentator style).
Prints the part sizes and the SHA-256 of the membership text on one line each.
"""
import hashlib
import math
import sys

MASK = (1 << 64) - 1


def splitmix64(seed):
    state = seed & MASK
    while True:
        state = (state + 0x9E3779B97F4A7C15) & MASK
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        yield z ^ (z >> 31)


def split(case_ids, parts, seed):
    order = sorted(case_ids, key=lambda c: c.encode("utf-8"))
    draw = splitmix64(seed)
    for i in range(len(order) - 1, 0, -1):
        j = next(draw) % (i + 1)
        order[i], order[j] = order[j], order[i]
    result, start = [], 0
    for index, (name, fraction) in enumerate(parts):
        if index == len(parts) - 1:
            count = len(order) - start
        else:
            count = min(len(order) - start, math.floor(fraction * len(order)))
        result.append((name, sorted(order[start:start + count], key=lambda c: c.encode("utf-8"))))
        start += count
    return result


def main():
    count, seed = int(sys.argv[1]), int(sys.argv[2])
    parts = [(p.split("=")[0], float(p.split("=")[1])) for p in sys.argv[3:]]
    membership = split(["s%04d" % n for n in range(1, count + 1)], parts, seed)
    text = "".join(name + "\t" + member + "\n" for name, members in membership for member in members)
    print(" ".join("%s=%d" % (name, len(members)) for name, members in membership))
    print(hashlib.sha256(text.encode("utf-8")).hexdigest())


main()
