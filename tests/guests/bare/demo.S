@ The built-in demo (`lockstep run` with no image): a banner through the
@ PL011 UART, then the ARM generic timer (the physical timer, CP15 c14)
@ interrupting ten times a second of virtual time through the GICv2 (PPI
@ 30) while the core sleeps in WFI. The IRQ handler reads the counter and
@ sets the next deadline; the main loop prints a line for each tick:
@
@     tick 3 at 300 ms of virtual time
@
@ The time is the counter (CNTPCT) read in the handler, converted with its
@ frequency (CNTFRQ) and shown to the 10 ms: under QEMU's -icount (with its
@ default sleep=on) the counter runs on in host time while the core sleeps,
@ so it reads a little past the deadline (0.1-0.2 ms here); under Lockstep
@ it reads a few instructions past it. After five ticks: a goodbye line, and
@ exit through semihosting with the number of problems (0). Prints the same
@ on qemu-system-arm -M virt -cpu cortex-a15 -semihosting -icount shift=3.

    .syntax unified
    .arm
    .include "virt.inc"

    .equ TICKS, 5                       @ how many interrupts to show
    .equ HZ, 10                         @ their rate, in virtual time

    .section .text.start, "ax"
    .global _start
_start:
    boot_stacks

    ldr     r0, =banner
    bl      puts

    @ The GIC: the distributor and this core's interface on, PPI 30 (the
    @ physical timer) enabled, every priority let through.
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

    @ The period: CNTFRQ / HZ counter ticks; and counter ticks in 10 ms for
    @ the printed times.
    mrc     p15, 0, r0, c14, c0, 0      @ CNTFRQ
    mov     r1, #HZ
    bl      udiv
    ldr     r1, =period
    str     r0, [r1]
    mrc     p15, 0, r0, c14, c0, 0
    mov     r1, #100
    bl      udiv
    ldr     r1, =per_10ms
    str     r0, [r1]

    @ The first deadline: one period after now. CNTPCT and CNTP_CVAL are
    @ 64-bit, read and written with MRRC/MCRR.
    mrrc    p15, 0, r4, r5, c14         @ CNTPCT: the start
    ldr     r1, =start
    str     r4, [r1]
    ldr     r0, =period
    ldr     r0, [r0]
    adds    r4, r4, r0
    adc     r5, r5, #0
    mcrr    p15, 2, r4, r5, c14         @ CNTP_CVAL
    mov     r0, #1
    mcr     p15, 0, r0, c14, c2, 1      @ CNTP_CTL: enabled, not masked

    @ Sleep until an interrupt, print what it saw, and again until the
    @ last tick. r6: the ticks printed so far.
    mov     r6, #0
    cpsie   i
1:  wfi
    ldr     r0, =ticks
    ldr     r0, [r0]
    cmp     r0, r6
    beq     1b                          @ woken by something else
    mov     r6, r0
    ldr     r0, =tick_msg
    bl      puts
    mov     r0, r6
    bl      putdec
    ldr     r0, =at_msg
    bl      puts
    ldr     r0, =when
    ldr     r0, [r0]
    ldr     r1, =start
    ldr     r1, [r1]
    sub     r0, r0, r1                  @ counter ticks since the start
    ldr     r1, =per_10ms
    ldr     r1, [r1]
    bl      udiv
    mov     r1, #10
    mul     r0, r1, r0                  @ whole 10 ms, in ms
    bl      putdec
    ldr     r0, =ms_msg
    bl      puts
    cmp     r6, #TICKS
    blo     1b

    cpsid   i
    mov     r0, #0
    mcr     p15, 0, r0, c14, c2, 1      @ CNTP_CTL: the timer off
    ldr     r0, =bye
    bl      puts
    ldr     r4, =problems
    ldr     r4, [r4]
    semihost_exit r4, exit_block

@ The timer interrupt: acknowledge it at the GIC, note the counter, move
@ the deadline one period on (so the ticks do not drift), count, and
@ signal the end of the interrupt.
irq_handler:
    push    {r0-r3}
    ldr     r1, =GICC
    ldr     r2, [r1, #0x0c]             @ GICC_IAR: which interrupt
    cmp     r2, #30
    bne     2f
    mrrc    p15, 0, r0, r3, c14         @ CNTPCT
    ldr     r3, =when
    str     r0, [r3]
    mrrc    p15, 2, r0, r3, c14         @ CNTP_CVAL
    ldr     r2, =period
    ldr     r2, [r2]
    adds    r0, r0, r2
    adc     r3, r3, #0
    mcrr    p15, 2, r0, r3, c14         @ the next deadline
    ldr     r3, =ticks
    ldr     r0, [r3]
    add     r0, r0, #1
    str     r0, [r3]
    mov     r2, #30
    b       3f
2:  cmp     r2, #1020                   @ 1020-1023 (1023: spurious):
    bhs     4f                          @ nothing to end
    ldr     r3, =problems               @ an interrupt we did not enable
    ldr     r0, [r3]
    add     r0, r0, #1
    str     r0, [r3]
3:  str     r2, [r1, #0x10]             @ GICC_EOIR
4:  pop     {r0-r3}
    subs    pc, lr, #4

@ Anything else is a problem: stop with status 100.
other_handler:
    mov     r4, #100
    semihost_exit r4, exit_block

@ puts(r0): the NUL-terminated string through the UART, waiting while its
@ transmit FIFO is full (UARTFR.TXFF).
puts:
    ldr     r1, =UART
5:  ldrb    r2, [r0], #1
    cmp     r2, #0
    bxeq    lr
6:  ldr     r3, [r1, #0x18]             @ UARTFR
    tst     r3, #0x20
    bne     6b
    str     r2, [r1]                    @ UARTDR
    b       5b

@ putdec(r0): r0 in decimal through the UART.
putdec:
    push    {r4, lr}
    sub     sp, sp, #12
    add     r4, sp, #11
    mov     r1, #0
    strb    r1, [r4]                    @ the string's end
7:  mov     r1, #10
    bl      udiv                        @ r0 = r0 / 10, r1 = the digit
    add     r1, r1, #'0'
    strb    r1, [r4, #-1]!
    cmp     r0, #0
    bne     7b
    mov     r0, r4
    bl      puts
    add     sp, sp, #12
    pop     {r4, pc}

@ udiv(r0, r1): r0 = r0 / r1, r1 = r0 % r1, unsigned, r1 not 0 (ARMv7-A
@ has no divide instruction): long division, one quotient bit a step.
udiv:
    clz     r3, r1
    clz     r2, r0
    subs    r3, r3, r2                  @ quotient bits - 1
    movlt   r1, r0                      @ r0 < r1: quotient 0
    movlt   r0, #0
    bxlt    lr
    lsl     r1, r1, r3                  @ the divisor under r0's top bit
    mov     r2, #0
8:  cmp     r0, r1
    subhs   r0, r0, r1
    adc     r2, r2, r2                  @ the next bit: the carry (r0 >= r1)
    lsr     r1, r1, #1
    subs    r3, r3, #1
    bpl     8b
    mov     r1, r0
    mov     r0, r2
    bx      lr

    vector_table irq_handler

banner:
    .ascii  "Lockstep demo: the ARM generic timer interrupting at 10 Hz of\n"
    .asciz  "virtual time through the GIC, the core asleep in WFI between ticks\n"
tick_msg:
    .asciz  "tick "
at_msg:
    .asciz  " at "
ms_msg:
    .asciz  " ms of virtual time\n"
bye:
    .asciz  "goodbye\n"
    .align 2
    .ltorg

    .bss
    .align 3
period:     .space 4                    @ counter ticks between interrupts
per_10ms:   .space 4                    @ counter ticks in 10 ms
start:      .space 4                    @ CNTPCT at the start (low word)
when:       .space 4                    @ CNTPCT in the last interrupt
ticks:      .space 4                    @ interrupts taken
problems:   .space 4
exit_block: .space 8
