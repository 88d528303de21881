"""PyTorch CPU peer for ModelStepBenchmark on the models ../shared/peers/torch_peers.py does not cover.
Usage: torch_model_peers.py THREADS [model ...]   (model: vgg19-bn; batch 128, 32x32, 10 classes)
Prints: model  threads  train_step_ms (forward, cross-entropy, backward, SGD momentum 0.9; the lowest of two
medians of 3 steps after 2 warm ones, as torch_conv_peers.py: PyTorch's conv speed drifts by phases here)."""
from peer_timing import bench
import sys, torch, torch.nn as nn, torch.nn.functional as F

VGG19 = [64, 64, 'M', 128, 128, 'M', 256, 256, 256, 256, 'M', 512, 512, 512, 512, 'M', 512, 512, 512, 512, 'M']


def vgg19bn(classes=10):
    # The same network as org.prune4j.nn.models.VggCifar.vgg19bn: 3x3 convs with bias, BatchNorm, ReLU, five
    # 2x2 max pools down to 1x1, one Linear head.
    layers, c = [], 3
    for v in VGG19:
        if v == 'M':
            layers.append(nn.MaxPool2d(2))
        else:
            layers += [nn.Conv2d(c, v, 3, 1, 1, bias=True), nn.BatchNorm2d(v), nn.ReLU()]
            c = v
    return nn.Sequential(*layers, nn.Flatten(), nn.Linear(c, classes))


threads = int(sys.argv[1]); torch.set_num_threads(threads); torch.manual_seed(0)
for name in sys.argv[2:]:
    if name != 'vgg19-bn':
        raise SystemExit(f"unknown model {name!r}: this script knows vgg19-bn")
    m = vgg19bn(); m.train()
    opt = torch.optim.SGD(m.parameters(), lr=0.1, momentum=0.9)
    x = torch.randn(128, 3, 32, 32); y = torch.randint(0, 10, (128,))

    def step():
        opt.zero_grad(); loss = F.cross_entropy(m(x), y); loss.backward(); opt.step()

    t = min(bench(step, 3) for _ in range(2))
    print(f"{name}\t{threads}\t{t*1e3:.1f}", flush=True)
