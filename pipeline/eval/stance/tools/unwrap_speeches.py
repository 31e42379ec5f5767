#!/usr/bin/env python3
"""Joins the hard-wrapped lines of UN General Debate speeches before the annotation draw.

The 1992-2014 speeches (and 1969, 1982) are the UN's PDF text wrapped at 50-75 characters with
hyphenation and page markers ("11-51670 26"). For the draw only, a speech whose median line is
under 90 characters (more than 20 lines) is unwrapped: page-marker lines dropped, a hyphen at a
line end between lower-case letters removed ("Chit-\\nral" -> "Chitral"), lines joined with a
space. The sentence keys the draw keeps avoid digits, so they match the pipeline's own reading.

    zstd -dc ../shared/corpora/ungdc-1946-2024.jsonl.zst | python3 unwrap_speeches.py > ungdc.jsonl
"""
import json
import re
import statistics
import sys

PAGE_MARKER = re.compile(r"(?m)^\s*\d{2}-\d{4,5}\s*\d*\s*$")
HYPHEN = re.compile(r"(?<=[a-z])-[ \t]*\n[ \t]*(?=[a-z])")
BREAK = re.compile(r"[ \t]*\n[ \t]*")


def unwrap(text):
    lengths = [len(x) for x in text.split("\n") if x.strip()]
    if len(lengths) <= 20 or statistics.median(lengths) >= 90:
        return text
    text = PAGE_MARKER.sub("", text)
    text = HYPHEN.sub("", text)
    text = BREAK.sub(" ", text)
    return re.sub(r"  +", " ", text)


for line in sys.stdin:
    d = json.loads(line)
    d["text"] = unwrap(d["text"])
    sys.stdout.write(json.dumps(d) + "\n")
