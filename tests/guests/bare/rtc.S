@ The PL031 RTC: at boot it reads the run's epoch (2026-01-01, unless
@ --host-time); a match one second ahead raises interrupt 34 through the
@ GIC while the core sleeps in WFI, and the counter then reads one more.
@ Prints the seconds read at boot in hex; exits with the number of
@ problems.

    .syntax unified
    .arm
    .include "virt.inc"

    .section .text.start, "ax"
    .global _start
_start:
    boot_stacks
    mov     r9, #0
    mov     r10, #0                     @ RTC interrupts seen

    ldr     r1, =GICD
    mov     r0, #1
    str     r0, [r1]
    mov     r0, #1 << 2                 @ interrupt 34
    str     r0, [r1, #0x104]
    ldr     r1, =GICC
    mov     r0, #0xf0
    str     r0, [r1, #4]
    mov     r0, #1
    str     r0, [r1]

    ldr     r4, =RTC
    ldr     r5, [r4]                    @ RTCDR at boot
    mov     r0, r5
    bl      puthex
    add     r0, r5, #1
    str     r0, [r4, #0x04]             @ RTCMR: one second on
    mov     r0, #1
    str     r0, [r4, #0x10]             @ RTCIMSC
    msr     cpsr_c, #0x53
1:  wfi
    cmp     r10, #1
    blo     1b
    msr     cpsr_c, #0xd3
    ldr     r0, [r4]
    sub     r0, r0, r5
    cmp     r0, #1
    addne   r9, r9, #1

    semihost_exit r9, exit_block

@ puthex(r0): eight hex digits and a newline through the UART.
puthex:
    ldr     r1, =UART
    mov     r2, #28
2:  lsr     r3, r0, r2
    and     r3, r3, #0xf
    cmp     r3, #10
    addlo   r3, r3, #'0'
    addhs   r3, r3, #'a' - 10
    str     r3, [r1]
    subs    r2, r2, #4
    bpl     2b
    mov     r3, #'\n'
    str     r3, [r1]
    bx      lr

irq_handler:
    push    {r0-r3, lr}
    ldr     r1, =GICC
    ldr     r2, [r1, #0x0c]
    cmp     r2, #34
    addne   r9, r9, #1
    ldreq   r3, =RTC
    moveq   r0, #1
    streq   r0, [r3, #0x1c]             @ RTCICR: bit 0 clears
    addeq   r10, r10, #1
    str     r2, [r1, #0x10]
    pop     {r0-r3, lr}
    subs    pc, lr, #4

other_handler:
    add     r9, r9, #1000
    b       .

    vector_table irq_handler

    .align 2
    .ltorg

    .bss
    .align 3
exit_block:
    .space  8
