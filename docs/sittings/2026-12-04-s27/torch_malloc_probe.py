# Session 27: PyTorch conv2d forward, 128x16x32x32 * 16x16x3x3, median of 11 calls per round. Run with the default glibc malloc
# and with MALLOC_MMAP_THRESHOLD_=33554432 MALLOC_TRIM_THRESHOLD_=4000000000 MALLOC_TOP_PAD_=268435456 (see README.md here).
import torch, time, torch.nn.functional as F, sys
torch.set_num_threads(int(sys.argv[1]) if len(sys.argv)>1 else 2)
x = torch.randn(128,16,32,32); w = torch.randn(16,16,3,3)
for r in range(4):
    ts=[]
    for i in range(11):
        t=time.perf_counter(); F.conv2d(x,w,None,1,1); ts.append(time.perf_counter()-t)
    ts.sort(); print(r, "%.2f ms"%(ts[5]*1e3), flush=True)
