@ Nested interrupt priorities on the GICv2. Each SP804 tick (interrupt 42,
@ priority 0xa0) runs a handler that re-enables IRQs in System mode and
@ sends itself two SGIs: SGI 1 at priority 0x40, which must preempt it at
@ once, and SGI 2 at 0xc0, which must wait until the tick's handler has
@ ended. Each handler prints its brackets, so three ticks print
@ "[()]<>" three times. The exit status counts surprises (interrupt IDs
@ out of place).

    .syntax unified
    .arm
    .include "virt.inc"

    .section .text.start, "ax"
    .global _start
_start:
    ldr     r0, =vectors
    mcr     p15, 0, r0, c12, c0, 0      @ VBAR
    msr     cpsr_c, #0xd2               @ IRQ mode stack
    ldr     sp, =stack_top - 0x1000
    msr     cpsr_c, #0xdf               @ System mode stack
    ldr     sp, =stack_top - 0x2000
    msr     cpsr_c, #0xd3               @ SVC
    ldr     sp, =stack_top
    mov     r9, #0                      @ surprises
    mov     r10, #0                     @ ticks

    ldr     r1, =GICD
    mov     r0, #1
    str     r0, [r1]                    @ GICD_CTLR
    mov     r0, #0x6                    @ SGIs 1 and 2
    str     r0, [r1, #0x100]
    mov     r0, #1 << 10                @ interrupt 42
    str     r0, [r1, #0x104]
    mov     r0, #0x40
    strb    r0, [r1, #0x401]
    mov     r0, #0xc0
    strb    r0, [r1, #0x402]
    mov     r0, #0xa0
    strb    r0, [r1, #0x400 + 42]
    ldr     r1, =GICC
    mov     r0, #0xf0
    str     r0, [r1, #4]                @ PMR
    mov     r0, #1
    str     r0, [r1]                    @ GICC_CTLR

    ldr     r1, =TIMER
    ldr     r0, =499
    str     r0, [r1]                    @ 500 us period
    mov     r0, #0xe2
    str     r0, [r1, #8]

    msr     cpsr_c, #0x53               @ SVC, IRQs on
1:  wfi
    cmp     r10, #3
    blo     1b
    msr     cpsr_c, #0xd3
    ldr     r1, =TIMER
    mov     r0, #0
    str     r0, [r1, #8]
    mov     r0, #'\n'
    bl      putc

    semihost_exit r9, exit_block

@ putc(r0), preserving r1-r3.
putc:
    push    {r1, r2}
    ldr     r1, =UART
2:  ldr     r2, [r1, #0x18]
    tst     r2, #0x20
    bne     2b
    str     r0, [r1]
    pop     {r1, r2}
    bx      lr

@ The IRQ entry: acknowledge, then run the handler in System mode with
@ IRQs enabled so that higher priorities can preempt it.
irq_entry:
    sub     lr, lr, #4
    push    {r0-r3, r12, lr}
    mrs     r0, spsr
    ldr     r1, =GICC
    ldr     r2, [r1, #0x0c]             @ GICC_IAR
    push    {r0, r2}
    msr     cpsr_c, #0x5f               @ System mode, IRQs on
    push    {lr}
    mov     r0, r2
    bl      handle
    pop     {lr}
    msr     cpsr_c, #0xd2               @ IRQ mode, IRQs off
    pop     {r0, r2}
    ldr     r1, =GICC
    str     r2, [r1, #0x10]             @ GICC_EOIR
    msr     spsr_cxsf, r0
    pop     {r0-r3, r12, lr}
    movs    pc, lr

@ handle(r0 = interrupt ID), in System mode.
handle:
    push    {r4, lr}
    mov     r4, r0
    cmp     r4, #42
    beq     tick
    cmp     r4, #1
    moveq   r0, #'('
    movne   r0, #'<'
    bl      putc
    cmp     r4, #1
    moveq   r0, #')'
    movne   r0, #'>'
    cmpne   r4, #2
    addne   r9, r9, #1
    bl      putc
    pop     {r4, pc}
tick:
    mov     r0, #'['
    bl      putc
    ldr     r1, =TIMER
    str     r1, [r1, #0x0c]             @ Timer1IntClr
    add     r10, r10, #1
    ldr     r1, =GICD
    ldr     r0, =0x02000002             @ SGI 2 to this core: waits
    str     r0, [r1, #0xf00]
    ldr     r0, =0x02000001             @ SGI 1 to this core: preempts
    str     r0, [r1, #0xf00]
    mov     r0, #']'
    bl      putc
    pop     {r4, pc}

other_handler:
    add     r9, r9, #1000
    b       .

    vector_table irq_entry

    .align 2
    .ltorg

    .bss
    .align 3
exit_block:
    .space  8
