/* Steady-state loops: small loops written in assembly so that every
 * emulator runs exactly the same instructions, each run many times.
 * Arguments: a scale (default 1, what the tests run) and optionally the
 * one loop to run; `scripts/bench-loops` times each beside qemu-arm.
 *
 *   alu     one block branching to itself: add, eor, subs, bne
 *   memory  a load-and-add loop over a 4 KiB array (inner loop of one block)
 *   call    a load, a call to a leaf function and its return (bx lr)
 *   branchy a loop of several blocks (a data-dependent if/else)
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

uint32_t loop_alu(uint32_t n, uint32_t x);
uint32_t loop_memory(uint32_t n, const uint32_t *a);
uint32_t loop_call(uint32_t n, const uint32_t *a);
uint32_t loop_branchy(uint32_t n, uint32_t x);

#ifdef __thumb__
#define FUNC(name) ".thumb\n.thumb_func\n.global " #name "\n.type " #name ", %function\n" #name ":\n"
#else
#define FUNC(name) ".arm\n.global " #name "\n.type " #name ", %function\n" #name ":\n"
#endif

__asm__(".syntax unified\n.text\n.align 2\n"
        /* r0 = n, r1 = x */
        FUNC(loop_alu)
        "1: add r1, r1, r0\n"
        "   eor r1, r1, #0x55\n"
        "   subs r0, r0, #1\n"
        "   bne 1b\n"
        "   mov r0, r1\n"
        "   bx lr\n"
        /* r0 = n (passes over the array), r1 = array of 1024 words */
        FUNC(loop_memory)
        "   push {r4, r5}\n"
        "   movs r4, #0\n"
        "2: mov r2, r1\n"
        "   mov r3, #1024\n"
        "3: ldr r5, [r2], #4\n"
        "   add r4, r4, r5\n"
        "   subs r3, r3, #1\n"
        "   bne 3b\n"
        "   subs r0, r0, #1\n"
        "   bne 2b\n"
        "   mov r0, r4\n"
        "   pop {r4, r5}\n"
        "   bx lr\n"
        /* r0 = n, r1 = array of 1024 words (index wraps) */
        FUNC(loop_call)
        "   push {r4, r5, r6, lr}\n"
        "   movs r4, #0\n"
        "   movs r5, #0\n"
        "4: ubfx r6, r5, #0, #10\n"
        "   ldr r2, [r1, r6, lsl #2]\n"
        "   bl leaf\n"
        "   add r5, r5, #1\n"
        "   subs r0, r0, #1\n"
        "   bne 4b\n"
        "   mov r0, r4\n"
        "   pop {r4, r5, r6, pc}\n"
        FUNC(leaf)
        "   add r4, r4, r2\n"
        "   eor r4, r4, r4, lsr #3\n"
        "   bx lr\n"
        /* r0 = n, r1 = x: odd x -> 3x+1, even -> x/2, restarted when 1 */
        FUNC(loop_branchy)
        "   movs r2, #0\n"
        "5: tst r1, #1\n"
        "   beq 6f\n"
        "   add r1, r1, r1, lsl #1\n"
        "   add r1, r1, #1\n"
        "   b 7f\n"
        "6: lsr r1, r1, #1\n"
        "   cmp r1, #1\n"
        "   bne 7f\n"
        "   add r2, r2, #1\n"
        "   add r1, r2, #27\n"
        "7: subs r0, r0, #1\n"
        "   bne 5b\n"
        "   add r0, r1, r2\n"
        "   bx lr\n");

static uint32_t words[1024];

int main(int argc, char **argv) {
    uint32_t scale = argc > 1 ? (uint32_t)atoi(argv[1]) : 1;
    const char *only = argc > 2 ? argv[2] : NULL;
#define WANT(name) (!only || strcmp(only, name) == 0)
    for (int i = 0; i < 1024; i++) words[i] = (uint32_t)i * 2654435761u;
    if (WANT("alu")) printf("alu     %08x\n", loop_alu(2000000u * scale, 7));
    if (WANT("memory")) printf("memory  %08x\n", loop_memory(2000u * scale, words));
    if (WANT("call")) printf("call    %08x\n", loop_call(1000000u * scale, words));
    if (WANT("branchy")) printf("branchy %08x\n", loop_branchy(1000000u * scale, 27));
    return 0;
}
