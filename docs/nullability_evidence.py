"""Counts, over tccli's documented example answers, the members marked always sent
(`output_required`) that are absent or null: the evidence of docs/nullability.md.

    python3 docs/nullability_evidence.py /tmp/wheels/x/tccli/tccli/services

The folder is tccli's unpacked wheel (tccli 3.1.189.1): <service>/<version>/{api.json,examples.json}.
"""
import collections
import glob
import json
import os
import sys


def walk(objects, type_name, value, counts):
    shape = objects.get(type_name)
    if not shape or not isinstance(value, dict):
        return
    for member in shape["members"]:
        if member["name"] == "RequestId":
            continue
        sent = value.get(member["name"], KeyError)
        if member.get("output_required"):
            counts["always sent"] += 1
            if sent is KeyError:
                counts["absent"] += 1
            elif sent is None:
                counts["null"] += 1
        if sent not in (KeyError, None) and member.get("member") in objects:
            for item in sent if isinstance(sent, list) else [sent]:
                walk(objects, member["member"], item, counts)


def main(root):
    counts = collections.Counter()
    services = set()
    for api_path in sorted(glob.glob(os.path.join(root, "*", "*", "api.json"))):
        folder = os.path.dirname(api_path)
        try:
            api = json.load(open(api_path))
            examples = json.load(open(os.path.join(folder, "examples.json")))
        except (OSError, ValueError):
            continue
        for action, cases in examples.get("actions", {}).items():
            for case in cases:
                try:
                    answer = json.loads(case["output"])
                except (KeyError, ValueError):
                    continue
                answer = answer.get("Response", answer) if isinstance(answer, dict) else None
                if not isinstance(answer, dict) or "Error" in answer:
                    continue
                counts["answers"] += 1
                before = counts["absent"]
                walk(api["objects"], action + "Response", answer, counts)
                if counts["absent"] > before:
                    services.add(os.path.relpath(folder, root).split(os.sep)[0])
    print(dict(counts), "services with an absent always-sent member:", len(services))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/tmp/wheels/x/tccli/tccli/services")
