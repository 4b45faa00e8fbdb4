/* hello.c: the start-up benchmark's program (bench/run.js, "start-up"): printf's hello world, built natively and for wasm32-wasi. */
#include <stdio.h>

int main(void)
{
    printf("hello, world\n");
    return 0;
}
