import time, torch, torch.nn as nn, torch.nn.functional as F, sys
torch.set_num_threads(2); torch.manual_seed(0)
def bench(fn, reps=11, warm=3):
    for _ in range(warm): fn()
    ts=[]
    for _ in range(reps):
        t=time.perf_counter(); fn(); ts.append(time.perf_counter()-t)
    ts.sort(); return ts[len(ts)//2]*1e3
conv=nn.Conv2d(16,16,3,1,1,bias=False)
x=torch.randn(128,16,32,32); w=torch.randn(16,16,3,3)
with torch.no_grad():
    for i in range(3):
        print(i,'F.conv2d randn w', bench(lambda: F.conv2d(x,w,None,1,1)), 'nn.Conv2d', bench(lambda: conv(x)), 'F.conv2d conv.weight', bench(lambda: F.conv2d(x,conv.weight,None,1,1)))
