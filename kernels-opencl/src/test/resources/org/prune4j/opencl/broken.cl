// Deliberately invalid OpenCL C: the build-failure test checks that its log reaches the exception.
__kernel void broken(__global float* y) {
    y[0] = undeclared_identifier_for_the_test;
}
