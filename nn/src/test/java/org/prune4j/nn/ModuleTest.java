package org.prune4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.prune4j.core.autograd.GradMode;
import org.prune4j.core.tensor.Device;
import org.prune4j.core.tensor.Rng;
import org.prune4j.core.tensor.Tensor;
import org.prune4j.nn.layers.BatchNorm2d;
import org.prune4j.nn.layers.Conv2d;
import org.prune4j.nn.layers.Dropout;
import org.prune4j.nn.layers.Linear;
import org.prune4j.nn.layers.ReLU;
import org.prune4j.nn.layers.Sequential;
import org.prune4j.nn.models.LeNet5;

class ModuleTest {

    @Test void leNet5NamesShapesAndCount() {
        LeNet5 net = new LeNet5(new Rng(1));
        Map<String, Parameter> p = net.namedParameters();
        assertEquals(List.of("conv1.weight", "conv1.bias", "conv2.weight", "conv2.bias", "fc1.weight", "fc1.bias",
                "fc2.weight", "fc2.bias", "fc3.weight", "fc3.bias"), List.copyOf(p.keySet()));
        assertEquals("[6, 1, 5, 5]", p.get("conv1.weight").shape().toString());
        assertEquals("[120, 400]", p.get("fc1.weight").shape().toString());
        assertEquals(61_706, net.numParameters());
        assertTrue(p.get("fc1.weight").isPrunable());
        assertFalse(p.get("fc1.bias").isPrunable());
        try (var ng = GradMode.noGrad()) {
            assertEquals("[2, 10]", net.forward(Tensor.randn(new Rng(2), 2, 1, 28, 28)).shape().toString());
        }
    }

    @Test void stateDictOrderFollowsPyTorch() {
        Sequential s = new Sequential(new Conv2d(3, 4, 3, 1, 1, false, new Rng(0)), new BatchNorm2d(4), new ReLU());
        assertEquals(List.of("0.weight", "1.weight", "1.bias", "1.running_mean", "1.running_var", "1.num_batches_tracked"),
                List.copyOf(s.stateDict().keySet()));
        assertEquals(List.of("1.running_mean", "1.running_var", "1.num_batches_tracked"), List.copyOf(s.namedBuffers().keySet()));
        assertEquals(List.of("", "0", "1", "2"), List.copyOf(s.namedModules().keySet()));
    }

    @Test void stateDictRoundTripReproducesOutputs() {
        LeNet5 a = new LeNet5(new Rng(1));
        LeNet5 b = new LeNet5(new Rng(99));
        Tensor x = Tensor.randn(new Rng(3), 2, 1, 28, 28);
        LinkedHashMap<String, Tensor> copy = new LinkedHashMap<>();
        a.stateDict().forEach((k, v) -> copy.put(k, v.copy()));
        b.loadStateDict(copy, true);
        try (var ng = GradMode.noGrad()) {
            assertArrayEquals(a.forward(x).data(), b.forward(x).data());
        }
    }

    @Test void loadStateDictReportsEveryProblemAndChangesNothing() {
        LeNet5 net = new LeNet5(new Rng(1));
        float before = net.namedParameters().get("conv1.weight").data()[0];
        LinkedHashMap<String, Tensor> sd = new LinkedHashMap<>();
        net.stateDict().forEach((k, v) -> sd.put(k, v.copy()));
        sd.get("conv1.weight").data()[0] = 42f;
        sd.remove("fc3.bias");
        sd.put("fc4.weight", Tensor.zeros(2));
        sd.put("fc2.bias", Tensor.zeros(7));
        StateDictException e = assertThrows(StateDictException.class, () -> net.loadStateDict(sd, true));
        assertEquals(List.of("fc3.bias"), e.missing());
        assertEquals(List.of("fc4.weight"), e.unexpected());
        assertTrue(e.getMessage().contains("fc2.bias: checkpoint has [7], model has [84]"), e.getMessage());
        assertEquals(before, net.namedParameters().get("conv1.weight").data()[0]);
        // Non-strict loading tolerates missing/unexpected keys but never a wrong shape.
        assertThrows(StateDictException.class, () -> net.loadStateDict(sd, false));
        sd.remove("fc2.bias");
        net.loadStateDict(sd, false);
        assertEquals(42f, net.namedParameters().get("conv1.weight").data()[0]);
    }

    @Test void trainEvalIsRecursive() {
        Sequential s = new Sequential(new Linear(2, 2, new Rng(0)), new Sequential(new Dropout(0.5f, 1), new BatchNorm2d(2)));
        s.eval();
        for (Module m : s.namedModules().values()) assertFalse(m.isTraining());
        s.train();
        for (Module m : s.namedModules().values()) assertTrue(m.isTraining());
    }

    @Test void aDeviceWithoutItsRuntimeIsRefusedByNameAndNothingMoves() {
        // nn's tests have no OpenCL module on the class path (kernels-opencl tests the move itself)
        LeNet5 net = new LeNet5(new Rng(1));
        float[] before = net.parameters().get(0).data().clone();
        assertEquals(net, net.to(Device.CPU));
        var e = assertThrows(org.prune4j.core.kernels.DeviceUnavailableException.class, () -> net.to(Device.opencl()));
        assertTrue(e.getMessage().contains("opencl:0") && e.getMessage().contains("kernels-opencl"), e.getMessage());
        assertEquals(Device.CPU, net.device());
        assertArrayEquals(before, net.parameters().get(0).data());
        var t = assertThrows(org.prune4j.core.kernels.DeviceUnavailableException.class,
                () -> org.prune4j.core.tensor.Tensor.ones(2).to(Device.opencl(1)));
        assertTrue(t.getMessage().contains("opencl:1"), t.getMessage());
        assertEquals(3f, org.prune4j.core.ops.Ops.sum(org.prune4j.core.tensor.Tensor.ones(3)).item(), "the CPU keeps working");
    }

    @Test void badNamesAndDuplicatesAreRejected() {
        class Bad extends Module {
            Bad(String n) {
                registerParameter("w", new Parameter(Tensor.zeros(1)));
                registerBuffer(n, Tensor.zeros(1));
            }

            @Override public Tensor forward(Tensor x) { return x; }
        }
        assertThrows(IllegalArgumentException.class, () -> new Bad("w"));
        assertThrows(IllegalArgumentException.class, () -> new Bad("a.b"));
        assertThrows(IllegalArgumentException.class, () -> new Bad(""));
    }

    @Test void setMaskZeroesPrunedEntriesAndChecksShape() {
        Linear l = new Linear(3, 2, new Rng(0));
        Parameter w = l.weight();
        assertThrows(IllegalArgumentException.class, () -> w.setMask(org.prune4j.core.sparse.Mask.ones(org.prune4j.core.tensor.Shape.of(3, 2))));
        w.setMask(org.prune4j.core.sparse.Mask.of(w.shape(), new float[] {1, 0, 1, 0, 1, 0}));
        assertEquals(0f, w.data()[1]);
        assertEquals(0f, w.data()[5]);
        assertEquals(3, w.countNonzero());
        assertEquals(Map.of("weight", w.mask()), l.namedMasks());
    }
}
