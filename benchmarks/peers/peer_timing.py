"""Shared timing for the PyTorch peer scripts: median seconds of reps calls after warm calls.

Importing it also re-runs the calling script, once, with glibc's malloc told to keep the memory it frees
(STEADY_MALLOC), before torch is imported. With the defaults, glibc hands every block above its mmap threshold
(dynamic, at most 32 MB) back to the OS on free and maps it afresh on the next allocation, and this VM charges
dearly for the page faults that follow: a PyTorch conv2d whose output is a new 8 MB tensor per call ran 3 ms or
46 ms per call depending on whether the allocator had kept its last block (session 27,
docs/sittings/2026-12-04-s27/torch_malloc_probe.py); the 32x32 and batch-64 layers sat on the slow side in most
sittings since session 4 and were marked "slow path" and left out of the comparisons. PyTorch's own CPU tuning guide
recommends jemalloc or tcmalloc for the same reason. With STEADY_MALLOC (no mmap for large blocks, no trimming)
PyTorch runs at its kernels' speed in every call, the figure Prune4J is held to.
PRUNE4J_PEER_MALLOC=default keeps glibc's defaults (to reproduce the older sittings); `python3 peer_timing.py --env`
prints the settings as shell exports for peers not written in this folder (../shared/peers/run-torch-peers)."""
import os
import sys
import time

STEADY_MALLOC = {'MALLOC_MMAP_MAX_': '0', 'MALLOC_TRIM_THRESHOLD_': '4000000000', 'MALLOC_TOP_PAD_': '268435456'}


def steady_malloc():
    if os.environ.get('PRUNE4J_PEER_MALLOC') == 'default':
        return
    if all(os.environ.get(k) == v for k, v in STEADY_MALLOC.items()):
        return
    if 'torch' in sys.modules:
        raise SystemExit('peer_timing must be imported before torch (it re-runs the script with STEADY_MALLOC)')
    os.execve(sys.executable, sys.orig_argv, {**os.environ, **STEADY_MALLOC})


def bench(fn, reps, warm=2):
    for _ in range(warm):
        fn()
    ts = []
    for _ in range(reps):
        t = time.perf_counter()
        fn()
        ts.append(time.perf_counter() - t)
    ts.sort()
    return ts[len(ts) // 2]


if __name__ == '__main__':
    if sys.argv[1:] == ['--env']:
        print('\n'.join(f'export {k}={v}' for k, v in STEADY_MALLOC.items()))
    else:
        raise SystemExit('usage: peer_timing.py --env')
else:
    steady_malloc()
