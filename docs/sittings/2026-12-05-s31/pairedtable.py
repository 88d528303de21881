"""Markdown table of paired_conv.py output (one or more files), with a summary of the rows behind PyTorch.
usage: python3 pairedtable.py paired-all.txt [more.txt ...]"""
import sys

rows = []
for path in sys.argv[1:]:
    for line in open(path):
        if line.startswith('#') or line.startswith('layer') or not line.strip():
            continue
        lid, ours, theirs, rom, med, won = line.rstrip('\n').split('\t')
        m, ci = med.split(' ', 1)
        lo, hi = (float(v) for v in ci.strip('[]').split(', '))
        rows.append((lid, float(ours), float(theirs), float(rom), float(m), lo, hi, won))
print('| layer | P4J step ms | PyTorch step ms | ratio of medians | median ratio [95% CI] | P4J won |')
print('|---|---:|---:|---:|---|---:|')
for lid, o, t, rom, m, lo, hi, won in rows:
    mark = '**' if lo > 1 else ''
    print(f'| {lid} | {o:.2f} | {t:.2f} | {rom:.3f} | {mark}{m:.3f}{mark} [{lo:.3f}, {hi:.3f}] | {won} |')
ahead = sum(1 for r in rows if r[5] > 1)
tied = [r[0] for r in rows if r[5] <= 1 <= r[6]]
behind = [r[0] for r in rows if r[6] < 1]
print(f'\n{ahead} of {len(rows)} rows ahead of PyTorch (the interval above 1); tied (1 inside it): {", ".join(tied) or "none"}; '
      f'behind: {", ".join(behind) or "none"}')
