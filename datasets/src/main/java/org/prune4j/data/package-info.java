/**
 * Data sets and batching for Prune4J, with no dependency beyond engine-core and the JDK.
 *
 * <p>A {@link org.prune4j.data.Dataset} is an indexed collection of equally shaped samples
 * with int labels. Loaders: {@link org.prune4j.data.FashionMnist} and
 * {@link org.prune4j.data.Mnist} (IDX, gzip or raw, [1, 28, 28]), {@link org.prune4j.data.Cifar10}
 * (binary batches, [3, 32, 32]), {@link org.prune4j.data.UciHar} (raw inertial signals,
 * [128, 9], 6-class or HAR-2) and {@link org.prune4j.data.ImageFolderDataset} (lazily decoded
 * JPEG/PNG, [3, crop, crop]). Image sets deliver pixels in [0, 1]; normalisation is a
 * {@link org.prune4j.data.Normalize} transform with the constants in
 * {@link org.prune4j.data.ChannelStats} (ImageFolder normalises itself, ImageNet by default).
 *
 * <p>{@link org.prune4j.data.DataLoader} batches a data set into
 * {@link org.prune4j.data.Batch}es, shuffling and augmenting as pure functions of
 * (seed, epoch, sample index), optionally prefetching on daemon threads. Bad or missing data
 * raises a {@link org.prune4j.data.DatasetException}: {@link org.prune4j.data.DatasetFormatException}
 * (names file, offset or line, and expectation) or {@link org.prune4j.data.DatasetNotFoundException}
 * (names the path and how to obtain the data).
 */
package org.prune4j.data;
