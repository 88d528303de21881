"""PyTorch CPU peer for SparseBench's spmm/denseGemm: median ms of a dense W(MxK) @ X(KxN)
and of the same product with W as a torch CSR tensor with a random unstructured mask,
for SparseBench's shape ids ("name:MxKxN"). PyTorch has no sparse convolution, so only
the GEMM-shaped layers (Linear, 1x1 conv, conv as GEMM) have a peer.
Usage: torch_sparse_peers.py THREADS SPARSITIES(comma list) shape-id ...
Prints: shape  threads  sparsity  dense_ms  csr_ms  csr_speedup_over_dense"""
from peer_timing import bench
import sys, torch

threads = int(sys.argv[1]); torch.set_num_threads(threads); torch.manual_seed(1)
sparsities = [float(s) for s in sys.argv[2].split(',')]
for sid in sys.argv[3:]:
    m, k, n = map(int, sid.split(':')[1].split('x'))
    w = torch.rand(m, k) * 2 - 1; x = torch.rand(k, n) * 2 - 1
    reps = 7 if m * k * n > 5e8 else 21
    with torch.no_grad():
        td = bench(lambda: w @ x, reps)
        for s in sparsities:
            mask = torch.rand(m, k) >= s
            csr = (w * mask).to_sparse_csr()
            ts = bench(lambda: csr @ x, reps)
            print(f"{sid}\t{threads}\t{s}\t{td*1e3:.3f}\t{ts*1e3:.3f}\t{td/ts:.2f}", flush=True)
