"""Post-v12.1 check set (see README.md): one case per (group, report that ATT&CK v12.1 cites nowhere), made of the
techniques and software a later ATT&CK's group page cites that report for. Usage:
  python3 build.py ATTACK_V12_1_BUNDLE OUT_DIR
then: parley eval OUT_DIR --kb ATTACK_V12_1_BUNDLE [--method tfidf]"""
import gzip, json, os, re, uuid, glob, collections, sys
B = json.load(gzip.open(sys.argv[1]))
sources = set()
for o in B['objects']:
    for r in o.get('external_references', []):
        if r.get('source_name'): sources.add(r['source_name'].strip())
def ext(o):
    for r in o.get('external_references', []):
        if r.get('source_name') == 'mitre-attack': return r.get('external_id')
live = lambda o: not o.get('revoked') and not o.get('x_mitre_deprecated')
groups = {ext(o): o['name'] for o in B['objects'] if o['type'] == 'intrusion-set' and live(o)}
soft = {ext(o): (o['type'], o['name']) for o in B['objects'] if o['type'] in ('malware', 'tool') and live(o)}
tech = {ext(o): o['name'] for o in B['objects'] if o['type'] == 'attack-pattern' and live(o)}
out = sys.argv[2]; os.makedirs(out, exist_ok=True)
ns = uuid.UUID('6ba7b811-9dad-11d1-80b4-00c04fd430c8')
def sid(t, k): return f"{t}--{uuid.uuid5(ns, k)}"
labels = []; stats = collections.Counter(); n = 0
for f in sorted(glob.glob(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'groups', '*.txt'))):
    lines = open(f).read().split('\n')
    head = lines[0].split(' ', 2); gid = head[1]
    if gid in groups: label = gid
    elif int(gid[1:]) >= 1012: label = 'UNKNOWN'
    else: stats['skipped group ' + gid] += 1; continue
    refs = {}; rows = []
    for l in lines[1:]:
        p = l.split(' ')
        if l.startswith('R '): refs[p[1]] = l.split(' ', 2)[2].strip() if len(p) > 2 else ''
        elif l.startswith('T ') or l.startswith('S '): rows.append((p[0], p[1], set(x for x in p[2:] if x)))
    new = {k for k, v in refs.items() if v and v not in sources}
    for k in sorted(new, key=int):
        items = [(kind, i) for kind, i, cites in rows if k in cites]
        if len(items) < 3: stats['too small'] += 1; continue
        n += 1; name = f"post-{n:04d}"
        objs = [{"type": "incident", "spec_version": "2.1", "id": sid("incident", name), "created": "2024-01-01T00:00:00.000Z",
                 "modified": "2024-01-01T00:00:00.000Z", "name": name, "description": f"from report \"{refs[k]}\""}]
        for kind, i in items:
            if kind == 'T':
                o = {"type": "attack-pattern", "name": tech.get(i, i), "external_references": [{"source_name": "mitre-attack", "external_id": i}]}
            else:
                t, nm = soft.get(i, ('malware', i))
                o = {"type": t, "name": nm}
                if t == 'malware': o["is_family"] = True
            o.update({"spec_version": "2.1", "id": sid(o["type"], name + i), "created": "2024-01-01T00:00:00.000Z", "modified": "2024-01-01T00:00:00.000Z"})
            objs.append(o)
        json.dump({"type": "bundle", "id": sid("bundle", name), "objects": objs}, open(f"{out}/{name}.json", "w"), indent=1)
        labels.append((name, label, gid, refs[k]))
        stats['known' if label != 'UNKNOWN' else 'unknown'] += 1
with open(f"{out}/labels.csv", "w") as w:
    w.write("case,actor\n")
    for name, label, gid, ref in labels: w.write(f"{name},{label}\n")
with open(f"{out}/sources.tsv", "w") as w:
    for name, label, gid, ref in labels: w.write(f"{name}\t{gid}\t{ref}\n")
print(n, dict(stats))
