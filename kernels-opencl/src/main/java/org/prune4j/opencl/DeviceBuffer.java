package org.prune4j.opencl;

import org.jocl.cl_mem;

/** A pooled device allocation: the cl_mem and its size-class capacity in bytes. */
record DeviceBuffer(cl_mem mem, long capacity) {}
