#!/usr/bin/env python3
"""Two types of one name in one namespace, defined in two files, break the one-definition rule:
the linker keeps one set of inline members for both and the program corrupts memory (it happened
twice in issue #15: service::ActionInput and service::EvaluationView of two contexts). The compiler
cannot see it across translation units, so this scans src/ for namespace-scope struct, class and
enum definitions outside anonymous namespaces and fails on a name defined in two files."""
import collections
import os
import re
import sys

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'src')
defs = collections.defaultdict(set)
for folder, _, files in os.walk(root):
    for f in files:
        if not f.endswith(('.hpp', '.cpp')) or f.endswith('_test.cpp'):
            continue
        path = os.path.join(folder, f)
        names, anonymous = [], 0
        for line in open(path, encoding='utf-8', errors='replace'):
            m = re.match(r'namespace ([\w:]+) \{', line)
            if m:
                names.append(m.group(1))
                continue
            if re.match(r'namespace \{', line):
                anonymous += 1
                continue
            if re.match(r'\}\s*// namespace\s*$', line):
                if anonymous:
                    anonymous -= 1
                continue
            m = re.match(r'(?:struct|class|enum class|enum) (\w+)(?!\w|::)', line)
            if m and not anonymous and not line.rstrip().endswith(';'):
                defs[(names[-1] if names else '', m.group(1))].add(os.path.relpath(path, root))
clashes = {k: v for k, v in defs.items() if len(v) > 1}
for (ns, name), files in sorted(clashes.items()):
    print(f'check-odr: {ns}::{name} is defined in {len(files)} files: {", ".join(sorted(files))}', file=sys.stderr)
if clashes:
    sys.exit(1)
print(f'check-odr: {len(defs)} namespace-scope types, each defined in one file')
