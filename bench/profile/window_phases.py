#!/usr/bin/env python3
"""Where an open's time goes in the window: reads the log of `bench --window` run on a build with
window-phases.patch applied (its "PHASE <step> <nanoTime>" lines, logged by WindowOpenBench) and prints, per step,
the median milliseconds since the previous step over the timed opens (those after the cold one and the warm-up).

usage: bench/profile/window_phases.py BENCH_STDERR [--skip N] [--per-open]   (N: opens not summarised, default 6)
"""
import re
import statistics
import sys

STEPS = ['task-start', 'decoded', 'checked', 'analysed', 'overlays', 'fx-result', 'state-applied', 'status-set',
         'recent-saved', 'pre-layout', 'shown']
NAMES = {'task-start': 'request -> task starts (inference thread)', 'decoded': 'read + decode (+ grey drawing)',
         'checked': 'input check', 'analysed': 'analyse (predict + Grad-CAM)', 'overlays': 'overlay colour maps',
         'fx-result': 'task done -> FX callback', 'state-applied': 'state applied to the nodes (FX)',
         'status-set': 'overlay class, status (FX)', 'recent-saved': 'recent files (FX)',
         'pre-layout': 'callback end -> next pulse', 'shown': 'CSS + layout of that pulse'}


def opens(path):
    result, cur = [], None
    for line in open(path, errors='replace'):
        m = re.search(r'PHASE (\S+) (\S+)(?: overlay-ms (\S+))?', line)
        if m:
            step = m.group(1)
            if step == 'requested':
                cur = {'requested': int(m.group(2))}
                result.append(cur)
            elif cur is not None and step == 'viewer-render-ms':
                cur.setdefault('viewer_render_ms', float(m.group(2)))
                cur.setdefault('overlay_image_ms', float(m.group(3)))
            elif cur is not None and step not in cur:
                cur[step] = int(m.group(2))  # the first after the request: a warm-up's own lines come before
        m = re.search(r'PNEUMOLENS_OPEN (\d+) ([0-9.]+) (\S+)', line)
        if m and cur is not None:
            cur['total'] = float(m.group(2))
    return result


def deltas(o):
    out, prev = {}, o['requested']
    for s in STEPS:
        if s in o:
            out[s] = (o[s] - prev) / 1e6
            prev = o[s]
    return out


def main():
    args = sys.argv[1:]
    skip = int(args[args.index('--skip') + 1]) if '--skip' in args else 6
    all_opens = opens(args[0])
    if '--per-open' in args:
        for i, o in enumerate(all_opens):
            d = deltas(o)
            print(i, o.get('total'), ' '.join('%s=%.0f' % (s, d[s]) for s in STEPS if s in d))
    timed = all_opens[skip:]
    print('%d timed opens; median ms per step' % len(timed))
    for s in STEPS:
        v = [deltas(o)[s] for o in timed if s in deltas(o)]
        if v:
            print('  %-45s %8.1f' % (NAMES[s], statistics.median(v)))
    for k, name in (('viewer_render_ms', 'of which: viewer draws the image (FX)'),
                    ('overlay_image_ms', 'of which: overlay to an image (FX)')):
        v = [o[k] for o in timed if k in o]
        if v:
            print('  %-45s %8.1f' % (name, statistics.median(v)))
    v = [o['total'] for o in timed if 'total' in o]
    if v:
        print('  %-45s %8.1f' % ('total (window_open_ms_p50)', statistics.median(v)))


if __name__ == '__main__':
    main()
