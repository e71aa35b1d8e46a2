@ A timer-interrupt-heavy guest, for timing Lockstep side by side with
@ qemu-system-arm -M virt -cpu cortex-a15 -icount shift=N (see
@ scripts/bench-timer-qemu). It uses only what QEMU's virt board has: the
@ ARM generic timer (the physical timer, CP15 c14), its PPI 30 through the
@ GICv2, the PL011 UART and semihosting.
@
@ The timer interrupts every CNTFRQ / IRQ_HZ counter ticks (CNTP_CVAL
@ moved one period on in each interrupt, so the ticks do not drift) until
@ IRQS interrupts have been taken. Between them the core does not sleep: it
@ runs a checksum over a small buffer, stirring the buffer as it goes, and
@ the loop carries on across interrupts, so both the CPU and the interrupt
@ path are exercised.
@
@ At the end it prints the interrupt count, the loop iterations and the
@ checksum, and exits with the number of problems (0) through semihosting.
@ The interrupt count is the same on any simulator; the work done between
@ interrupts depends on how many instructions run in a counter tick
@ (under -icount, 2^N ns an instruction) and on exactly where each
@ interrupt lands, so the iterations and the checksum are printed for
@ information, not as part of the comparison.

    .syntax unified
    .arm
    .include "virt.inc"

    .equ IRQS, 200000                   @ timer interrupts to take
    .equ IRQ_HZ, 100000                 @ their rate, in virtual time
    .equ BUF_SIZE, 1024                 @ the work buffer, in bytes

@ Registers shared by the work loop and the IRQ handler (IRQ mode banks
@ only sp and lr): r8 the period in counter ticks, r9 problems, r10
@ interrupts taken, r11 IRQS.

    .section .text.start, "ax"
    .global _start
_start:
    boot_stacks
    mov     r9, #0
    mov     r10, #0
    ldr     r11, =IRQS

    @ The GIC: distributor and CPU interface on, PPI 30 enabled.
    ldr     r1, =GICD
    mov     r0, #1
    str     r0, [r1]                    @ GICD_CTLR
    mov     r0, #1 << 30
    str     r0, [r1, #0x100]            @ GICD_ISENABLER0
    ldr     r1, =GICC
    mov     r0, #0xf0
    str     r0, [r1, #4]                @ GICC_PMR
    mov     r0, #1
    str     r0, [r1]                    @ GICC_CTLR

    @ The period, and the first deadline one period from now.
    mrc     p15, 0, r0, c14, c0, 0      @ CNTFRQ
    ldr     r1, =IRQ_HZ
    bl      udiv
    mov     r8, r0
    mrrc    p15, 0, r0, r1, c14         @ CNTPCT
    adds    r0, r0, r8
    adc     r1, r1, #0
    mcrr    p15, 2, r0, r1, c14         @ CNTP_CVAL
    mov     r0, #1
    mcr     p15, 0, r0, c14, c2, 1      @ CNTP_CTL: enabled, not masked

    @ The work, until the last interrupt: r4 the checksum, r5 the offset
    @ in the buffer at r6, r7 the iterations.
    ldr     r4, =0x2545f491
    mov     r5, #0
    ldr     r6, =buffer
    mov     r7, #0
    cpsie   i
1:  ldr     r0, [r6, r5]
    add     r4, r0, r4, ror #27         @ checksum = rotl(checksum, 5) + word
    eor     r0, r0, r4, lsr #3
    str     r0, [r6, r5]                @ stir the word
    add     r5, r5, #4
    and     r5, r5, #BUF_SIZE - 4
    add     r7, r7, #1
    cmp     r10, r11
    blo     1b
    cpsid   i

    ldr     r0, =name
    bl      puts
    mov     r0, r10
    bl      putdec
    ldr     r0, =irqs_msg
    bl      puts
    ldr     r0, =name
    bl      puts
    mov     r0, r7
    bl      putdec
    ldr     r0, =work_msg
    bl      puts
    mov     r0, r4
    bl      puthex
    mov     r0, #'\n'
    bl      putc
    semihost_exit r9, exit_block

@ The timer interrupt: acknowledge, move the deadline one period on,
@ count; after the last one, turn the timer off.
irq_handler:
    push    {r0-r3}
    ldr     r1, =GICC
    ldr     r2, [r1, #0x0c]             @ GICC_IAR
    cmp     r2, #30
    bne     2f
    mrrc    p15, 2, r0, r3, c14         @ CNTP_CVAL
    adds    r0, r0, r8
    adc     r3, r3, #0
    mcrr    p15, 2, r0, r3, c14
    add     r10, r10, #1
    cmp     r10, r11
    moveq   r0, #0
    mcreq   p15, 0, r0, c14, c2, 1      @ CNTP_CTL: off
    b       3f
2:  cmp     r2, #1020                   @ 1020-1023 (1023: spurious):
    bhs     4f                          @ nothing to end
    add     r9, r9, #1                  @ an interrupt we did not enable
3:  str     r2, [r1, #0x10]             @ GICC_EOIR
4:  pop     {r0-r3}
    subs    pc, lr, #4

@ Any other exception: stop with status 100.
other_handler:
    mov     r9, #100
    semihost_exit r9, exit_block

@ putc(r0): one character through the UART, waiting while its transmit
@ FIFO is full. Uses r1, r3.
putc:
    ldr     r1, =UART
5:  ldr     r3, [r1, #0x18]             @ UARTFR
    tst     r3, #0x20                   @ TXFF
    bne     5b
    str     r0, [r1]                    @ UARTDR
    bx      lr

@ puts(r0): a NUL-terminated string.
puts:
    push    {r4, lr}
    mov     r4, r0
6:  ldrb    r0, [r4], #1
    cmp     r0, #0
    popeq   {r4, pc}
    bl      putc
    b       6b

@ puthex(r0): eight hex digits.
puthex:
    push    {r4, r5, lr}
    mov     r4, r0
    mov     r5, #28
7:  lsr     r0, r4, r5
    and     r0, r0, #0xf
    cmp     r0, #10
    addlo   r0, r0, #'0'
    addhs   r0, r0, #'a' - 10
    bl      putc
    subs    r5, r5, #4
    bpl     7b
    pop     {r4, r5, pc}

@ putdec(r0): r0 in decimal.
putdec:
    push    {r4, lr}
    sub     sp, sp, #12
    add     r4, sp, #11
    mov     r1, #0
    strb    r1, [r4]                    @ the string's end
8:  mov     r1, #10
    bl      udiv                        @ r0 = r0 / 10, r1 = the digit
    add     r1, r1, #'0'
    strb    r1, [r4, #-1]!
    cmp     r0, #0
    bne     8b
    mov     r0, r4
    bl      puts
    add     sp, sp, #12
    pop     {r4, pc}

@ udiv(r0, r1): r0 = r0 / r1, r1 = r0 % r1, unsigned, r1 not 0 (ARMv7-A
@ has no divide instruction): long division, one quotient bit a step.
@ Uses r2, r3.
udiv:
    clz     r3, r1
    clz     r2, r0
    subs    r3, r3, r2                  @ quotient bits - 1
    movlt   r1, r0                      @ r0 < r1: quotient 0
    movlt   r0, #0
    bxlt    lr
    lsl     r1, r1, r3                  @ the divisor under r0's top bit
    mov     r2, #0
9:  cmp     r0, r1
    subhs   r0, r0, r1
    adc     r2, r2, r2                  @ the next bit: the carry (r0 >= r1)
    lsr     r1, r1, #1
    subs    r3, r3, #1
    bpl     9b
    mov     r1, r0
    mov     r0, r2
    bx      lr

    vector_table irq_handler

name:
    .asciz  "timer_bench: "
irqs_msg:
    .asciz  " timer interrupts\n"
work_msg:
    .asciz  " work loop iterations, checksum 0x"
    .align 2
    .ltorg

    .bss
    .align 3
exit_block: .space 8
@ The buffer in a page of its own: stores into a page that holds code make
@ both simulators check for (or assume) self-modifying code, which is not
@ what this benchmark is about.
    .balign 4096
buffer:     .space BUF_SIZE
