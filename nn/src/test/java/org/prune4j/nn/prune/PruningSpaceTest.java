package org.prune4j.nn.prune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.prune4j.core.tensor.Rng;
import org.prune4j.nn.models.ResNetCifar;
import org.prune4j.nn.prune.space.ErrorDistribution;
import org.prune4j.nn.prune.space.Evaluated;
import org.prune4j.nn.prune.space.FlopsRegime;
import org.prune4j.nn.prune.space.PruningSpace;
import org.prune4j.nn.prune.space.PruningSpaceStudy;
import org.prune4j.nn.prune.space.RatioBuckets;
import org.prune4j.nn.prune.space.ShortTrainingEvaluator;
import org.prune4j.nn.prune.space.Subnetwork;

class PruningSpaceTest {
    private static final int[] SAMPLE = {1, 8, 8};

    @Test void samplesLieOnTheGridAndInsideTheRegime() {
        PruningSpace space = new PruningSpace(new ResNetCifar(8, 1, 4, new Rng(1)), SAMPLE, 4);
        assertEquals(3, space.stages().size());
        Subnetwork dense = space.build(new double[] {1, 1, 1});
        assertEquals(1.0, dense.flopsFraction(), 1e-12);
        assertEquals(1.0, dense.flopsToParamRatio(), 1e-12);
        FlopsRegime half = new FlopsRegime(0.5, 0.25);
        List<Subnetwork> subs = space.sample(half, 5, new Rng(3), null, 0, 500);
        for (Subnetwork s : subs) {
            assertTrue(half.contains(s.flopsFraction()), s.toString());
            for (double r : s.keepRatios()) assertEquals(0, (r * 4) % 1.0, 1e-12, "ratio " + r + " on the 1/4 grid");
        }
        List<Subnetwork> again = space.sample(half, 5, new Rng(3), null, 0, 500);
        for (int i = 0; i < 5; i++) assertArrayEquals(subs.get(i).keepRatios(), again.get(i).keepRatios(), "same seed, same population");
        var e = assertThrows(IllegalStateException.class, () -> space.sample(new FlopsRegime(0.01, 0.05), 2, new Rng(1), null, 0, 20));
        assertTrue(e.getMessage().contains("widen"), e.getMessage());
    }

    @Test void studyRefinesToTheWinningBucketAtEqualCost() {
        PruningSpace space = new PruningSpace(new ResNetCifar(8, 1, 4, new Rng(2)), SAMPLE, 4);
        TinyImages train = new TinyImages(48, 1, 8, 4, 16, 1), test = new TinyImages(32, 1, 8, 4, 16, 2);
        RatioBuckets buckets = RatioBuckets.logSpaced(0.25, 4, 4);
        PruningSpaceStudy.Result r = PruningSpaceStudy.run(space, new FlopsRegime(0.5, 0.3), 3,
                new ShortTrainingEvaluator(train, test, 1, 0.05f, 7), buckets, 2, 400, 11);
        assertEquals(3, r.initial().size());
        assertEquals(3, r.refined().size());
        for (Evaluated ev : r.refined()) assertEquals(r.winningBucket(), buckets.bucketOf(ev.subnetwork().flopsToParamRatio()));
        for (int i = 1; i < r.initial().size(); i++) assertTrue(r.initial().get(i - 1).error() <= r.initial().get(i).error(), "best first");
        assertTrue(Double.isFinite(r.refinedAdvantage()));
    }

    @Test void errorDistributionsAndBuckets() {
        ErrorDistribution a = new ErrorDistribution(new double[] {0.1, 0.2, 0.3, 0.4});
        ErrorDistribution b = new ErrorDistribution(new double[] {0.3, 0.4, 0.5, 0.6});
        assertEquals(0.5, a.cdf(0.2), 1e-12);
        assertEquals(0.0, a.cdf(0.05), 1e-12);
        assertEquals(1.0, a.cdf(0.9), 1e-12);
        assertTrue(a.advantageOver(b) > 0 && b.advantageOver(a) < 0, "lower errors dominate");
        assertEquals(0.0, a.advantageOver(a), 1e-12);
        RatioBuckets rb = new RatioBuckets(new double[] {0.5, 1, 2});
        assertEquals(0, rb.bucketOf(0.1));
        assertEquals(1, rb.bucketOf(1.0));
        assertEquals(1, rb.bucketOf(7));
        assertThrows(IllegalArgumentException.class, () -> new RatioBuckets(new double[] {1, 1}));
        assertThrows(IllegalArgumentException.class, () -> new ErrorDistribution(new double[] {1.5}));
        assertThrows(IllegalArgumentException.class, () -> new FlopsRegime(0, 0.1));
    }
}
