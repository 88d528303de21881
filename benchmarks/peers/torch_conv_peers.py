"""PyTorch CPU peer for ConvBenchmark: median ms of conv2d forward and of forward+backward
(grad of input and weight) for the same layer ids as org.prune4j.bench.jmh.ConvLayers.
Usage: torch_conv_peers.py THREADS [layer-id ...]   (layer id: model/N_Cin_H_W_Cout_k_stride_pad_groups)
Prints: layer  threads  fwd_ms  fwd_gflops  fwdbwd_ms
Each figure is the lowest of three medians: on this 2-vCPU machine PyTorch's NCHW conv of the 32x32 layers
switched between ~3.4 and ~55 ms medians of the same call within one process (session 13), so one median
could quote PyTorch 16x slower than it can run; the lowest is the figure Prune4J is held to."""
from peer_timing import bench
import sys, torch, torch.nn.functional as F

threads = int(sys.argv[1]); torch.set_num_threads(threads); torch.manual_seed(0)
for lid in sys.argv[2:]:
    n, cin, h, w, cout, k, s, p, g = map(int, lid.split('/')[1].replace('_', ',').split(','))
    x = torch.randn(n, cin, h, w, requires_grad=True); wt = torch.randn(cout, cin // g, k, k, requires_grad=True)
    oh = (h + 2 * p - k) // s + 1; ow = (w + 2 * p - k) // s + 1
    macs = n * cout * oh * ow * (cin // g) * k * k
    reps = 5 if macs > 2e9 else 15
    with torch.no_grad():
        tf = min(bench(lambda: F.conv2d(x, wt, None, s, p, 1, g), reps) for _ in range(3))
    def fb():
        y = F.conv2d(x, wt, None, s, p, 1, g); y.backward(torch.ones_like(y)); x.grad = None; wt.grad = None
    tb = min(bench(fb, reps) for _ in range(3))
    print(f"{lid}\t{threads}\t{tf*1e3:.2f}\t{2*macs/tf/1e9:.1f}\t{tb*1e3:.2f}", flush=True)
