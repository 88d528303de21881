"""Paired comparison of one conv layer's training step (forward + input gradient + weight gradient) between Prune4J
and PyTorch, taking turns burst by burst on the same machine.

Usage: paired_conv.py JAR_DIR THREADS ROUNDS layer-id [layer-id ...]
  JAR_DIR: benchmarks/target (or a frozen copy) holding benchmarks-*.jar and lib/
  layer id: model/N_Cin_H_W_Cout_k_stride_pad_groups, as in ConvLayers / torch_conv_peers.py

For each layer it starts Prune4J's side (org.prune4j.bench.jmh.PairedConvSide, which warms up and then runs a burst
of steps per "run" line), warms PyTorch up, and then runs ROUNDS rounds; each round is one burst of each side, the
order alternating between rounds. A burst is as many steps as fit in about BURST_SECONDS (from PyTorch's warm-up
time), and each burst reports its median step. This machine's speed drifts by 10-15% within seconds, so rounds of
whole separate runs compare different stretches of it; neighbouring bursts see nearly the same one.

Prints per layer: each side's median over the rounds (ms per step), the ratio of those medians (PyTorch / Prune4J,
>1 when Prune4J is faster), the median of the per-round ratios with a ~95% confidence interval for it (order
statistics of the binomial sign test: no assumption on the ratios' distribution), and how many rounds Prune4J won.
PyTorch's step is conv2d then backward of ones into the input and the weight (torch_conv_peers.py's fwd+bwd);
PyTorch runs with the steady allocator of peer_timing.py, Prune4J with ConvBenchmark's JVM flags (plus any in the
environment variable PAIRED_JVM_FLAGS, split at spaces)."""
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time

import peer_timing  # noqa: F401  (re-runs this script with glibc's malloc held steady, before torch is imported)
from peer_timing import STEADY_MALLOC, bench

BURST_SECONDS = float(os.environ.get('PAIRED_BURST_SECONDS', '0.4'))


def median_ci(values, level=0.95):
    """Order-statistic bounds (lo, hi) around the median of values holding it with probability >= level."""
    n = len(values)
    s = sorted(values)
    # Largest k with P(Binomial(n, 1/2) < k) <= (1 - level) / 2: then [s[k-1], s[n-k]] covers the median.
    cdf, k = 0.0, 0
    for i in range(n + 1):
        p = math.comb(n, i) / 2 ** n
        if cdf + p > (1 - level) / 2:
            break
        cdf += p
        k = i + 1
    if k == 0:
        return s[0], s[-1]
    return s[k - 1], s[n - k]


def java_side(jar_dir, layer, threads, burst):
    jh = os.environ.get('JAVA_HOME', '/usr/lib/jvm/temurin-25-jdk-amd64')
    jars = [os.path.join(jar_dir, f) for f in os.listdir(jar_dir) if f.startswith('benchmarks-') and f.endswith('.jar')]
    if not jars:
        raise SystemExit(f'no benchmarks-*.jar in {jar_dir} (build with ./mvnw -o install -DskipTests, or pass a frozen copy)')
    cp = jars[0] + os.pathsep + os.path.join(jar_dir, 'lib', '*')
    env = {k: v for k, v in os.environ.items() if k not in STEADY_MALLOC}
    cmd = [os.path.join(jh, 'bin', 'java'), '-XX:Tier3DelayOn=100000', '-Xmx8g', '--add-modules=jdk.incubator.vector',
           '--enable-native-access=ALL-UNNAMED', *os.environ.get('PAIRED_JVM_FLAGS', '').split(),
           '-cp', cp, 'org.prune4j.bench.jmh.PairedConvSide', layer, str(threads), str(burst)]
    err = tempfile.TemporaryFile(mode='w+')
    p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=err, text=True, env=env)
    line = p.stdout.readline().strip()
    if line != 'ready':
        p.kill()
        p.wait()
        err.seek(0)
        why = ' '.join(l.strip() for l in err if 'WARNING' not in l)
        raise SystemExit(f'PairedConvSide for {layer} did not start (got {line!r}): {why or "no message"}\ncommand: {" ".join(cmd)}')
    return p


def java_burst(p):
    p.stdin.write('run\n')
    p.stdin.flush()
    line = p.stdout.readline().split()
    if len(line) != 2 or line[0] != 'ms':
        raise SystemExit(f'PairedConvSide answered {line!r}')
    return float(line[1])


def parse_layer(lid):
    try:
        dims = list(map(int, lid.split('/', 1)[1].replace('_', ',').split(',')))
    except (IndexError, ValueError):
        dims = []
    if len(dims) != 9 or min(dims) < 0:
        raise SystemExit(f"layer id {lid!r}: expected model/N_Cin_H_W_Cout_k_stride_pad_groups, 9 whole numbers")
    n, cin, h, w, cout, k, s, pd, g = dims
    if min(n, cin, h, w, cout, k, s, g) < 1 or cin % g or cout % g or h + 2 * pd < k or w + 2 * pd < k:
        raise SystemExit(f"layer id {lid!r}: needs positive sizes, groups dividing both channel counts and a kernel "
                         f"that fits the padded input")
    return dims


def main():
    if len(sys.argv) < 5:
        raise SystemExit(__doc__)
    jar_dir, layers = sys.argv[1], sys.argv[4:]
    try:
        threads, rounds = int(sys.argv[2]), int(sys.argv[3])
    except ValueError:
        raise SystemExit(f'THREADS and ROUNDS must be whole numbers, got {sys.argv[2]!r} and {sys.argv[3]!r}')
    if threads < 1 or rounds < 2:
        raise SystemExit(f'THREADS must be at least 1 and ROUNDS at least 2, got {threads} and {rounds}')
    if not os.path.isdir(jar_dir):
        raise SystemExit(f'JAR_DIR {jar_dir!r} is not a directory')
    dims = [parse_layer(lid) for lid in layers]
    import torch
    import torch.nn.functional as F
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    print('layer\tP4J ms\tPyTorch ms\tratio of medians\tmedian ratio [95% CI]\tP4J won', flush=True)
    for lid, (n, cin, h, w, cout, k, s, pd, g) in zip(layers, dims):
        x = torch.randn(n, cin, h, w, requires_grad=True)
        wt = torch.randn(cout, cin // g, k, k, requires_grad=True)

        def fb():
            y = F.conv2d(x, wt, None, s, pd, 1, g)
            y.backward(torch.ones_like(y))
            x.grad = None
            wt.grad = None

        for _ in range(3):
            fb()
        t0 = time.perf_counter()
        fb()
        burst = max(3, round(BURST_SECONDS / (time.perf_counter() - t0)))

        def torch_burst():
            return bench(fb, burst, warm=0) * 1e3  # the burst's median step, as PairedConvSide's

        p = java_side(jar_dir, lid, threads, burst)
        try:
            ours, theirs = [], []
            for r in range(rounds):
                if r % 2 == 0:
                    ours.append(java_burst(p))
                    theirs.append(torch_burst())
                else:
                    theirs.append(torch_burst())
                    ours.append(java_burst(p))
        finally:
            try:
                p.stdin.write('quit\n')
                p.stdin.flush()
            except BrokenPipeError:
                pass
            p.wait(timeout=30)
        ratios = [t / o for o, t in zip(ours, theirs)]
        lo, hi = median_ci(ratios)
        mo, mt = statistics.median(ours), statistics.median(theirs)
        won = sum(1 for q in ratios if q > 1)
        print(f'{lid}\t{mo:.2f}\t{mt:.2f}\t{mt / mo:.3f}\t{statistics.median(ratios):.3f} [{lo:.3f}, {hi:.3f}]\t{won}/{rounds}',
              flush=True)


if __name__ == '__main__':
    main()
