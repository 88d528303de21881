#include <immintrin.h>
#include <stdio.h>
#include <time.h>
#include <stdlib.h>
static double now(){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec*1e9+t.tv_nsec;}
int main(int argc,char**argv){int n=atoi(argv[1]);float*b=aligned_alloc(64,n*4);for(int i=0;i<n;i++)b[i]=i*1e-6f;
 long reps=200000000L/n; for(int round=0;round<4;round++){
 __m512 w=_mm512_set1_ps(0.5f),a0=_mm512_setzero_ps(),a1=a0,a2=a0,a3=a0,a4=a0,a5=a0,a6=a0,a7=a0;
 double t0=now();
 for(long r=0;r<reps;r++){ for(int o=0;o+128<=n;o+=128){
  a0=_mm512_fmadd_ps(_mm512_load_ps(b+o),w,a0);a1=_mm512_fmadd_ps(_mm512_load_ps(b+o+16),w,a1);
  a2=_mm512_fmadd_ps(_mm512_load_ps(b+o+32),w,a2);a3=_mm512_fmadd_ps(_mm512_load_ps(b+o+48),w,a3);
  a4=_mm512_fmadd_ps(_mm512_load_ps(b+o+64),w,a4);a5=_mm512_fmadd_ps(_mm512_load_ps(b+o+80),w,a5);
  a6=_mm512_fmadd_ps(_mm512_load_ps(b+o+96),w,a6);a7=_mm512_fmadd_ps(_mm512_load_ps(b+o+112),w,a7);} __asm__ volatile(""::"x"(a0),"x"(a1),"x"(a2),"x"(a3),"x"(a4),"x"(a5),"x"(a6),"x"(a7));}
 double t1=now(); __m512 s=_mm512_add_ps(_mm512_add_ps(_mm512_add_ps(a0,a1),_mm512_add_ps(a2,a3)),_mm512_add_ps(_mm512_add_ps(a4,a5),_mm512_add_ps(a6,a7)));
 printf("n=%d fma+load %.2f /ns  (%f)\n",n,(double)reps*(n/16)/(t1-t0),_mm512_reduce_add_ps(s));}
}
